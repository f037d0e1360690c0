import { log } from '../lib/log.js';
import { consumeRecords, type StreamRecord } from '../rollups/consume.js';

/**
 * The roll-up consumer (DynamoDB Streams event source, filtered to response and attendee items):
 * folds each batch into the activities' roll-ups, exactly once. A failure throws, Lambda retries
 * the batch, and the records already applied are skipped by their markers.
 */
export const handler = async (event: { Records: StreamRecord[] }) => {
  const report = await consumeRecords(event.Records);
  log.info('roll-ups updated', { ...report });
  return report;
};
