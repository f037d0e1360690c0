/** Detaching or archiving a survey (its detail page) and the archived mark in survey lists. */
export default {
  heading: 'Detach or archive',
  detachIntro:
    'Attached by mistake? Detaching removes this survey, its link and QR code (they stop working), its scheduled e-mails and invitations. Nobody has answered it, so no data is lost.',
  detach: 'Detach this survey',
  confirmDetach: 'Detach "{title}"? Its link and QR code stop working.',
  answeredIntro:
    'This survey has {responses}: it stays attached, because its responses are the source of its figures. Archiving closes it to answers and e-mails, makes it read-only and leaves it out of the survey list; its responses still count (exclude them one by one to take test answers out).',
  responseForms: 'response|responses',
  archive: 'Archive this survey',
  confirmArchive:
    'Archive "{title}"? Its link stops taking answers and no more invitations or reminders go out.',
  archivedOn:
    'Archived on {date}: closed to answers and e-mails, read-only and out of the survey list. Its responses still count.',
  bringBack: 'Bring back from the archive',
  archived: 'Archived',
};
