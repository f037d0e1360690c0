import { env } from './env.js';

/**
 * Writes CloudWatch metrics as one embedded-metric-format log line: Lambda's log group turns it into
 * metrics without an API call or a library (the format Powertools' Metrics writes). Locally it is
 * just a log line. `metrics({ EmailsSent: 12, EmailsFailed: 0 })`.
 */
export function putMetrics(values: Record<string, number>, unit: 'Count' | 'Milliseconds' = 'Count'): void {
  if (env().LOG_LEVEL === 'silent') return;
  console.log(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: env().METRICS_NAMESPACE,
            Dimensions: [[]],
            Metrics: Object.keys(values).map((Name) => ({ Name, Unit: unit })),
          },
        ],
      },
      ...values,
    }),
  );
}
