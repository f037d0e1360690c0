/** The colours of values, pre/post, baseline and target in every chart and sparkline. */
export const COLOURS = {
  value: '#0b4f6c',
  pre: '#8a99a8',
  post: '#0b4f6c',
  baseline: '#52606d',
  target: '#1b7f3b',
};
