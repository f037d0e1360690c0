import { log } from '../lib/log.js';
import { rebuildAll } from '../results/rebuild.js';

/**
 * The rebuild in AWS (invoked by an administrator: `aws lambda invoke --payload '{"repair":true}'`):
 * recomputes every activity's roll-up (every figure of its surveys) and its surveys' response
 * counters from the raw items, as `npm run rebuild-aggregates` does locally, and reports or repairs
 * the differences. Repair assumes quiet surveys and a consumer that has caught up (see
 * docs/data-model.md, "Roll-ups").
 */
export const handler = async (event: { repair?: boolean } = {}) => {
  const repair = event.repair === true;
  const report = await rebuildAll(repair, (r) =>
    log.warn('roll-up differs', {
      activityId: r.activityId,
      differences: r.differences.slice(0, 20),
      repaired: r.repaired,
    }),
  );
  log.info('rebuild done', { repair, ...report });
  return report;
};
