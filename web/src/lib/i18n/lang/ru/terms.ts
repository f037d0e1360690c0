import type { Catalogue } from '../../catalogue';

export default {
  training: 'Тренинг',
  thematicMeeting: 'Тематическая встреча',
  workingGroupMeeting: 'Встреча рабочей группы',
  expertMeeting: 'Встреча экспертов',
  workshop: 'Семинар',
  studyVisit: 'Ознакомительная поездка',
  otherType: 'Другое',
  inPerson: 'Очно',
  online: 'Онлайн',
  hybrid: 'Смешанный (очно и онлайн)',
  preTest: 'Предтест',
  postEvent: 'После мероприятия',
  followUp: 'Последующий',
  open: 'Открыта',
  notYetOpen: 'Ещё не открыта',
  closed: 'Закрыта',
  draft: 'Черновик',
  active: 'Активен',
  retired: 'Выведен',
} satisfies Catalogue['terms'];
