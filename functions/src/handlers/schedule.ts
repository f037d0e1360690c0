import { runScheduledSending } from '../invitations/send.js';
import { log } from '../lib/log.js';

/** The scheduled job (EventBridge, every 5 minutes): sends the invitations and reminders due. */
export const handler = async () => {
  const report = await runScheduledSending(new Date());
  log.info('scheduled sending', { ...report });
  return report;
};
