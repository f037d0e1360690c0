// Every key shape of the single table, in one place. docs/data-model.md explains each access
// pattern; a store function names the pattern it serves and builds its keys here.

/** How many items a survey's response counters are spread over (see `counterShard`). */
export const COUNTER_SHARDS = 16;

/** `A`: overall aggregate figures; `D`: figures by a profile dimension. */
export type AggregatePart = 'A' | 'D';

/** The part an aggregate key belongs to. */
export const aggregatePartOf = (key: string): AggregatePart => (key.includes('|all|') ? 'A' : 'D');

/** Zero-padded version numbers sort as strings: V#0002 < V#0010. */
export const versionSk = (n: number) => `V#${String(n).padStart(4, '0')}`;

export const keys = {
  // Results framework (one partition per framework version: read whole in one query).
  framework: (frameworkId: string) => ({ pk: `FRAMEWORK#${frameworkId}`, sk: 'META' }),
  frameworkList: () => ({ gsi1pk: 'FRAMEWORKS' }),
  frameworkPart: (
    frameworkId: string,
    kind: 'GOAL' | 'AP' | 'PILLAR' | 'RESULT' | 'REGION' | 'CARRY',
    id: string,
  ) => ({
    pk: `FRAMEWORK#${frameworkId}`,
    sk: `${kind}#${id}`,
  }),
  /** Names the one active framework version; every activation is conditional on it. */
  activeFramework: () => ({ pk: 'FRAMEWORKS', sk: 'ACTIVE' }),
  project: (projectId: string) => ({ pk: `PROJECT#${projectId}`, sk: 'META' }),
  projectList: () => ({ gsi1pk: 'PROJECTS' }),

  // Indicators: every version kept; CURRENT points at the newest.
  indicatorVersion: (indicatorId: string, version: number) => ({
    pk: `INDICATOR#${indicatorId}`,
    sk: versionSk(version),
  }),
  indicatorCurrent: (indicatorId: string) => ({ pk: `INDICATOR#${indicatorId}`, sk: 'CURRENT' }),
  indicatorList: (frameworkId: string) => ({ gsi1pk: `INDICATORS#${frameworkId}` }),

  // Activities and their attendance lists.
  activity: (activityId: string) => ({ pk: `ACTIVITY#${activityId}`, sk: 'META' }),
  activityList: () => ({ gsi1pk: 'ACTIVITIES' }),
  attendee: (activityId: string, attendeeId: string) => ({
    pk: `ACTIVITY#${activityId}`,
    sk: `ATTENDEE#${attendeeId}`,
  }),
  attendeePrefix: (activityId: string) => ({ pk: `ACTIVITY#${activityId}`, skPrefix: 'ATTENDEE#' }),

  // Surveys attached to activities, their versions, and the public code lookup.
  survey: (surveyId: string) => ({ pk: `SURVEY#${surveyId}`, sk: 'META' }),
  surveyVersion: (surveyId: string, version: number) => ({
    pk: `SURVEY#${surveyId}`,
    sk: versionSk(version),
  }),
  surveysOfActivity: (activityId: string) => ({ gsi1pk: `ACTIVITY#${activityId}#SURVEYS` }),
  /** The public code's own item: a conditional put makes codes unique, which a GSI cannot. */
  surveyCode: (code: string) => ({ pk: `CODE#${code}`, sk: 'CODE' }),

  // Custom survey templates (the built-in ones are in code).
  template: (templateId: string) => ({ pk: `TEMPLATE#${templateId}`, sk: 'META' }),
  templateList: () => ({ gsi1pk: 'TEMPLATES' }),

  // Responses: one partition per survey; the client's response id is the sort key (idempotency).
  response: (surveyId: string, responseId: string) => ({ pk: `RESPONSES#${surveyId}`, sk: responseId }),
  responses: (surveyId: string) => ({ pk: `RESPONSES#${surveyId}` }),

  /**
   * A survey's response counters (`responses`, `responded`): readers sum COUNTER_SHARDS items.
   * The stream consumer moves shard 0, in its roll-up transaction; the other shards hold what
   * submissions counted themselves before the consumer kept the counters (they were spread so
   * concurrent submissions rarely touched the same item).
   */
  counterShard: (surveyId: string, shard: number) => ({
    pk: `AGG#${surveyId}`,
    sk: `COUNT#${String(shard).padStart(2, '0')}`,
  }),
  counterShards: (surveyId: string) => ({ pk: `AGG#${surveyId}`, skPrefix: 'COUNT#' }),

  /**
   * A survey's aggregate items of earlier versions (`M#…`), written by the submission before the
   * roll-ups held every figure; nothing reads them, a rebuild with repair deletes them.
   */
  legacyAggregates: (surveyId: string) => ({ pk: `AGG#${surveyId}`, skPrefix: 'M#' }),
  /**
   * Marks the first counted response of a pairing code (a device) to a survey; a later response
   * of the same code finds it and is stored with `counted: false` (people, not responses).
   */
  firstAttempt: (surveyId: string, pairingCode: string) => ({
    pk: `ATTEMPT#${surveyId}`,
    sk: `CODE#${pairingCode}`,
  }),
  /**
   * An activity's roll-up (its surveys' merged aggregates, pairing facts, attendance facts), kept by
   * the stream consumer: `A` (what views read), `D#<n>` (breakdowns), `P` (pairing), `X#<event>`.
   */
  rollup: (activityId: string) => ({ pk: `ROLLUP#${activityId}`, sk: 'A' }),

  // Invitations (personal links) and the outbox of e-mails due.
  invitation: (surveyId: string, attendeeId: string) => ({
    pk: `SURVEY#${surveyId}`,
    sk: `INVITE#${attendeeId}`,
  }),
  /** Looks an invitation up by the hash of its token (`hashToken`); the token itself is never stored. */
  invitationToken: (tokenHash: string) => ({ gsi2pk: `INVITE#${tokenHash}`, gsi2sk: 'INVITE' }),
  /**
   * The token of reminder `n` (0-based) of an invitation: a lookup item of its own pointing at the
   * invitation, so every reminder's link keeps working (the first one's key predates several reminders).
   */
  invitationReminderToken: (surveyId: string, attendeeId: string, n = 0) => ({
    pk: `SURVEY#${surveyId}`,
    sk: `INVITE-TOKEN#${attendeeId}#remind${n === 0 ? '' : n + 1}`,
  }),
  outbox: () => ({ gsi1pk: 'OUTBOX' }),

  // Free-text answers (comments): a survey's themes, their unique names and the tags, one partition.
  comments: (surveyId: string) => ({ pk: `COMMENTS#${surveyId}` }),
  commentTheme: (surveyId: string, themeId: string) => ({
    pk: `COMMENTS#${surveyId}`,
    sk: `THEME#${themeId}`,
  }),
  /** Makes theme names unique within a survey (conditional put): the folded name. */
  commentThemeName: (surveyId: string, nameKey: string) => ({
    pk: `COMMENTS#${surveyId}`,
    sk: `THEMENAME#${nameKey}`,
  }),
  /** One item per answer (response and question, hashed) and theme: a tag exists once or not at all. */
  commentTag: (surveyId: string, themeId: string, commentKey: string) => ({
    pk: `COMMENTS#${surveyId}`,
    sk: `TAG#${themeId}#${commentKey}`,
  }),

  // Feedback to those who took part: share links (token hashed) and the summary e-mail's record.
  feedbackLink: (surveyId: string, linkId: string) => ({ pk: `FEEDBACK#${surveyId}`, sk: `LINK#${linkId}` }),
  feedbackLinkToken: (tokenHash: string) => ({ gsi2pk: `FEEDBACKLINK#${tokenHash}`, gsi2sk: 'FEEDBACKLINK' }),
  feedbackMail: (surveyId: string) => ({ pk: `FEEDBACK#${surveyId}`, sk: 'MAIL' }),
  /** Claims one recipient's e-mail of one sending round, so a retry never sends it twice. */
  feedbackMailClaim: (surveyId: string, round: number, recipientId: string) => ({
    pk: `FEEDBACK#${surveyId}`,
    sk: `MAIL#${String(round).padStart(3, '0')}#${recipientId}`,
  }),
  feedback: (surveyId: string) => ({ pk: `FEEDBACK#${surveyId}` }),

  // Abuse limits: a counter per window that DynamoDB TTL deletes.
  rate: (scope: string, window: number) => ({ pk: `RATE#${scope}`, sk: String(window) }),

  // Yearly results reports (a draft's narratives and state, its issued snapshot) and lessons.
  report: (frameworkId: string, period: string) => ({ pk: `REPORT#${frameworkId}#${period}`, sk: 'META' }),
  reportIssued: (frameworkId: string, period: string) => ({
    pk: `REPORT#${frameworkId}#${period}`,
    sk: 'ISSUED',
  }),
  reportList: () => ({ gsi1pk: 'REPORTS' }),
  lesson: (lessonId: string) => ({ pk: `LESSON#${lessonId}`, sk: 'META' }),
  lessonList: () => ({ gsi1pk: 'LESSONS' }),

  // Audit trail of configuration changes.
  audit: (entity: string, entityId: string) => ({ pk: `AUDIT#${entity}#${entityId}` }),
  auditList: () => ({ gsi1pk: 'AUDIT' }),
} as const;
