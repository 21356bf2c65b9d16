import type { ChartRenderer } from '../../core/ports/chart-renderer.js';

/**
 * The Vega chart renderer, loaded on its first chart: Vega, Vega-Lite and resvg stay out of the
 * service's start-up (they are needed once a week, by the digest).
 */
export function lazyChartRenderer(): ChartRenderer {
  let loaded: Promise<ChartRenderer> | undefined;
  return {
    async renderPng(chart, options) {
      loaded ??= import('./render-renewal-chart.js').then((m) => new m.VegaChartRenderer());
      return (await loaded).renderPng(chart, options);
    },
  };
}
