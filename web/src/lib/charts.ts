import type { Chart as ChartJs } from 'chart.js';

let loading: Promise<typeof ChartJs> | undefined;

/**
 * Chart.js, loaded on demand (only the result pages ask for it) with just the controllers,
 * elements and plugins those pages use.
 */
export function loadChart(): Promise<typeof ChartJs> {
  loading ??= import('chart.js')
    .then((m) => {
      m.Chart.register(
        m.LineController,
        m.LineElement,
        m.PointElement,
        m.BarController,
        m.BarElement,
        m.CategoryScale,
        m.LinearScale,
        m.Tooltip,
        m.Legend,
      );
      return m.Chart;
    })
    .catch((err) => {
      loading = undefined;
      throw err;
    });
  return loading;
}

/** The palette of the charts, from app.css. */
export const COLOURS = {
  value: '#0b4f6c',
  pre: '#8a99a8',
  post: '#0b4f6c',
  baseline: '#52606d',
  target: '#1b7f3b',
};
