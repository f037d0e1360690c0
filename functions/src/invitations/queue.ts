import { sqs } from '../lib/aws.js';
import { env } from '../lib/env.js';
import { log } from '../lib/log.js';
import type { Job } from './store.js';
import { markQueued } from './store.js';

// The sending queue. In AWS a job goes on SQS and the queue's consumer (handlers/send.ts) sends it,
// paced to the SES quota, retried with backoff, then dead-lettered. Locally there is no SQS: the job
// is handed to that same consumer in this process, with a message shaped as SQS delivers it; a job
// it could not finish stays due in the outbox and the scheduled run (every minute) takes it again.

const local: Promise<void>[] = [];
let localSeq = 0;
let held: (() => void) | null = null;
let hold: Promise<void> = Promise.resolve();

/**
 * Holds the local queue's consumer (jobs wait, queued) until called with false: lets a test see
 * what an administrator sees between "send now" and the e-mails. No effect in AWS.
 */
export function holdLocalQueue(on: boolean): void {
  if (on && !held) hold = new Promise<void>((r) => (held = r));
  if (!on && held) {
    held();
    held = null;
  }
}

/** REQUEUE_AFTER_MS of invitations/send.ts (kept here to avoid an import cycle). */
const REQUEUE_AFTER_MS = 60 * 60_000;

/** Puts a due job on the sending queue, once per hour at most (the scheduled dispatcher shares the mark). */
export async function enqueueJob(job: Job): Promise<void> {
  const queueUrl = env().SEND_QUEUE_URL;
  if (queueUrl) {
    if (!(await markQueued(job, Date.now(), REQUEUE_AFTER_MS))) return;
    await sqs('SendMessage', { QueueUrl: queueUrl, MessageBody: JSON.stringify(job) });
    return;
  }
  const run = (async () => {
    await hold;
    const { handler } = await import('../handlers/send.js');
    await handler(
      {
        Records: [
          {
            messageId: `local-${++localSeq}`,
            receiptHandle: 'local',
            body: JSON.stringify(job),
            attributes: { ApproximateReceiveCount: '1' },
          },
        ],
      },
      { getRemainingTimeInMillis: () => 15 * 60_000 },
    );
  })().catch((err: Error) => log.error('local sending queue', { error: err.message }));
  local.push(run);
  void run.finally(() => local.splice(local.indexOf(run), 1));
}

/** Resolves once the local queue has nothing left to run (tests; nothing to wait for in AWS). */
export async function localQueueIdle(): Promise<void> {
  while (local.length > 0) await Promise.allSettled([...local]);
}
