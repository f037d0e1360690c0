// svgcanvas ships no types: the part of its API the chart downloads use (web/src/lib/charts.ts).
declare module 'svgcanvas' {
  export class Context {
    constructor(options: { width: number; height: number });
    /** The SVG document drawn so far; `true` replaces named entities a standalone file lacks. */
    getSerializedSvg(fixNamedEntities?: boolean): string;
  }
}
