import * as z from 'zod/mini';
import { markBounced } from '../invitations/store.js';
import { log } from '../lib/log.js';
import { putMetrics } from '../lib/metrics.js';

/**
 * SES event publishing (the stage's configuration set) sends each bounce to an SNS topic that
 * invokes this function. A permanent bounce marks the invitation it is about `bounced` (no reminder
 * goes to it, and the survey page counts it); the invitation is found by the message tags the
 * sender put on the e-mail (`survey`, `attendee`). Transient bounces (mailbox full, out of office)
 * leave it as sent. Anything else is logged and skipped, never retried: SNS would only repeat it.
 */
const SesEvent = z.object({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()),
  mail: z.object({
    messageId: z.string(),
    timestamp: z.optional(z.string()),
    tags: z.optional(z.record(z.string(), z.array(z.string()))),
  }),
  bounce: z.optional(
    z.object({
      bounceType: z.string(),
      bounceSubType: z.optional(z.string()),
      timestamp: z.optional(z.string()),
      bouncedRecipients: z.optional(z.array(z.object({ emailAddress: z.string() }))),
    }),
  ),
});

const SnsEvent = z.object({
  Records: z.array(z.object({ Sns: z.object({ Message: z.string() }) })),
});

/** What one notification did: `bounced` when an invitation was marked. */
export async function applySesNotification(message: string): Promise<'bounced' | 'ignored'> {
  let parsed: z.infer<typeof SesEvent>;
  try {
    parsed = SesEvent.parse(JSON.parse(message));
  } catch {
    log.warn('SES notification not understood');
    return 'ignored';
  }
  const type = parsed.eventType ?? parsed.notificationType;
  if (type !== 'Bounce' || !parsed.bounce) return 'ignored';
  if (parsed.bounce.bounceType !== 'Permanent') {
    log.info('transient bounce', { messageId: parsed.mail.messageId, type: parsed.bounce.bounceSubType });
    return 'ignored';
  }
  const surveyId = parsed.mail.tags?.survey?.[0];
  const attendeeId = parsed.mail.tags?.attendee?.[0];
  if (!surveyId || !attendeeId) {
    log.info('bounce of an e-mail that is no invitation', { messageId: parsed.mail.messageId });
    return 'ignored';
  }
  const marked = await markBounced(surveyId, attendeeId, {
    at: parsed.bounce.timestamp ?? new Date().toISOString(),
    type: parsed.bounce.bounceSubType ? `Permanent/${parsed.bounce.bounceSubType}` : 'Permanent',
  });
  return marked ? 'bounced' : 'ignored';
}

export const handler = async (event: unknown) => {
  const records = SnsEvent.safeParse(event);
  if (!records.success) {
    log.warn('bounce handler: not an SNS event');
    return { bounced: 0 };
  }
  let bounced = 0;
  for (const r of records.data.Records) {
    if ((await applySesNotification(r.Sns.Message)) === 'bounced') bounced++;
  }
  putMetrics({ EmailsBounced: bounced });
  return { bounced };
};
