import type { RenewalChart } from '../views/renewal-charts.js';

/** A chart drawn as a PNG. */
export interface RenderedChart {
  png: Uint8Array;
  /** The same bytes, base64-encoded (what a message carries). */
  pngBase64: string;
  width: number;
  height: number;
}

/** Draws the neutral renewal charts (src/infra/charts: Vega-Lite, rasterised with resvg). */
export interface ChartRenderer {
  /**
   * `compact`: a smaller file for surfaces with a tight message size limit (a Teams card holds
   * about 28 KB in all): the same picture without anti-aliased text.
   */
  renderPng(chart: RenewalChart, options?: { compact?: boolean }): Promise<RenderedChart>;
}
