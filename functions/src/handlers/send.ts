import { runQueuedJob } from '../invitations/send.js';
import type { Job } from '../invitations/store.js';
import { sqs } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { log } from '../lib/log.js';
import { putMetrics } from '../lib/metrics.js';

interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: { ApproximateReceiveCount: string };
}

/** Seconds before the next try of a job that failed `receives` times: 1, 2, 4... minutes, at most 15. */
export const backoffSeconds = (receives: number) => Math.min(900, 60 * 2 ** Math.max(0, receives - 1));

/**
 * The sending queue's consumer: one job per message, paced to the SES quota (SES_SEND_RATE per
 * consumer). A job that is not done (an e-mail failed, or time ran out) is reported as a batch item
 * failure and made visible again after an exponential backoff; after the queue's maxReceiveCount it
 * moves to the dead-letter queue, which raises an alarm.
 */
export const handler = async (
  event: { Records: SqsRecord[] },
  context: { getRemainingTimeInMillis(): number },
) => {
  const failures: { itemIdentifier: string }[] = [];
  for (const record of event.Records) {
    const job = JSON.parse(record.body) as Job;
    const deadline = Date.now() + context.getRemainingTimeInMillis() - 30_000;
    let done = false;
    try {
      const { report, ...outcome } = await runQueuedJob(job, new Date(), {
        ratePerSecond: env().SES_SEND_RATE,
        deadline,
      });
      done = outcome.done;
      putMetrics({ EmailsSent: report.invited + report.reminded, EmailsFailed: report.failed });
    } catch (err) {
      log.error('sending job failed', {
        surveyId: job.surveyId,
        kind: job.kind,
        error: (err as Error).message,
      });
    }
    if (!done) {
      const receives = Number(record.attributes.ApproximateReceiveCount) || 1;
      log.warn('sending job retried later', { surveyId: job.surveyId, kind: job.kind, receives });
      failures.push({ itemIdentifier: record.messageId });
      const queueUrl = env().SEND_QUEUE_URL;
      if (queueUrl) {
        await sqs('ChangeMessageVisibility', {
          QueueUrl: queueUrl,
          ReceiptHandle: record.receiptHandle,
          VisibilityTimeout: backoffSeconds(receives),
        });
      }
    }
  }
  return { batchItemFailures: failures };
};
