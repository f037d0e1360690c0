/**
 * The geometry of a sparkline (a value per year, no axes) as SVG: one path of line segments, broken
 * where a year has no value, and the points. Drawn without Chart.js, so the results overview does not
 * load a chart library for its small trend lines. Pure.
 */
export interface SparkPoint {
  value: number | null;
}

export interface Sparkline {
  /** `M x y L x y ...`; a year without a value starts a new segment after it. */
  path: string;
  points: { x: number; y: number }[];
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * Places the values in a `width` × `height` box with `pad` units kept free on every side; the
 * vertical range gets 10 % of grace above and below (as the chart's `grace: '10%'` did), and a
 * constant series is drawn across the middle.
 */
export function sparkline(points: readonly SparkPoint[], width: number, height: number, pad = 3): Sparkline {
  const values = points.map((p) => p.value).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return { path: '', points: [] };
  const min = Math.min(...values);
  const max = Math.max(...values);
  const grace = (max - min) * 0.1;
  const lo = min - grace;
  const span = max + grace - lo;
  const x = (i: number) =>
    points.length === 1 ? width / 2 : pad + (i * (width - 2 * pad)) / (points.length - 1);
  const y = (v: number) => (span === 0 ? height / 2 : pad + ((max + grace - v) * (height - 2 * pad)) / span);
  const placed: { x: number; y: number }[] = [];
  let path = '';
  let drawing = false;
  points.forEach((p, i) => {
    if (p.value === null || !Number.isFinite(p.value)) {
      drawing = false;
      return;
    }
    const at = { x: round(x(i)), y: round(y(p.value)) };
    placed.push(at);
    path += `${path ? ' ' : ''}${drawing ? 'L' : 'M'}${at.x} ${at.y}`;
    drawing = true;
  });
  return { path, points: placed };
}
