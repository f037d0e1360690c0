import { dispatchDueJobs, runScheduledSending } from '../invitations/send.js';
import { sqs } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { log } from '../lib/log.js';
import { putMetrics } from '../lib/metrics.js';

/**
 * The scheduled job (EventBridge, every 5 minutes). In AWS it puts each due sending job on the
 * sending queue (handlers/send.ts sends, paced and retried); without a queue it sends itself.
 */
export const handler = async (_event: unknown, context?: { getRemainingTimeInMillis(): number }) => {
  const queueUrl = env().SEND_QUEUE_URL;
  if (queueUrl) {
    const queued = await dispatchDueJobs(new Date(), async (job) => {
      await sqs('SendMessage', { QueueUrl: queueUrl, MessageBody: JSON.stringify(job) });
    });
    log.info('sending jobs queued', { queued });
    return { queued };
  }
  const deadline = context ? Date.now() + context.getRemainingTimeInMillis() - 30_000 : undefined;
  const report = await runScheduledSending(new Date(), { ratePerSecond: env().SES_SEND_RATE, deadline });
  putMetrics({ EmailsSent: report.invited + report.reminded, EmailsFailed: report.failed });
  log.info('scheduled sending', { ...report });
  return report;
};
