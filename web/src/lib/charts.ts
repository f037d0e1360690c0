import type { ChartConfiguration, Chart as ChartJs, Plugin } from 'chart.js';
import type { Cell } from './csv';

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

/**
 * Paints a white background under the chart (the canvas is transparent otherwise), so that a
 * downloaded picture reads the same on any background: the "canvas background" plugin of the
 * Chart.js documentation.
 */
export const whiteBackground: Plugin = {
  id: 'white-background',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

/**
 * A chart's data as a table: one row per label (year, band…), one column per data series. Points
 * given as `{x, y}` write their y; a missing point an empty cell.
 */
export function chartData(config: ChartConfiguration): { header: string[]; rows: Cell[][] } {
  const labels = (config.data.labels ?? []) as unknown[];
  const sets = config.data.datasets;
  const value = (v: unknown): Cell =>
    typeof v === 'number' ? v : v && typeof v === 'object' && 'y' in v ? (v.y as number | null) : null;
  return {
    header: ['label', ...sets.map((d, i) => d.label ?? `series ${i + 1}`)],
    rows: labels.map((l, i) => [String(l), ...sets.map((d) => value((d.data as unknown[])[i]))]),
  };
}

/**
 * The chart drawn again as SVG: Chart.js renders into svgcanvas' mock 2D context (a maintained
 * canvas-to-SVG library, loaded only when asked) through Chart.js' basic platform (no DOM
 * events), without animation, at the size given.
 */
export async function chartSvg(config: ChartConfiguration, width: number, height: number): Promise<string> {
  const [Chart, chartjs, { Context }] = await Promise.all([
    loadChart(),
    import('chart.js'),
    import('svgcanvas'),
  ]);
  const ctx = new Context({ width, height });
  const canvas = { width, height, style: {}, getContext: () => ctx };
  const chart = new Chart(
    canvas as unknown as HTMLCanvasElement,
    {
      ...config,
      platform: chartjs.BasicPlatform,
      options: { ...config.options, animation: false, responsive: false, devicePixelRatio: 1 },
      plugins: [...(config.plugins ?? []), whiteBackground],
    } as ChartConfiguration,
  );
  try {
    return ctx.getSerializedSvg(true);
  } finally {
    chart.destroy();
  }
}
