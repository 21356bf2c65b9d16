/**
 * Draws the neutral renewal charts (src/core/views/renewal-charts.ts): a Vega-Lite spec, compiled
 * to Vega and rendered headless to SVG (`view.toSVG()`, no canvas needed), rasterised to PNG with
 * resvg. Text is set in DejaVu Sans from the `dejavu-fonts-ttf` package, never the system's fonts,
 * so a chart looks the same on every machine (and a container without fonts still has text).
 */
import { createRequire } from 'node:module';
import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import * as vegaLite from 'vega-lite';
import type { ChartRenderer, RenderedChart } from '../../core/ports/chart-renderer.js';
import { CHART_DECISIONS, type ChartDecision, type RenewalChart } from '../../core/views/renewal-charts.js';

/** Colour-blind-safe (Okabe-Ito): undecided stands out, a lapse fades. */
export const DECISION_COLOURS: Record<ChartDecision, string> = { undecided: '#E69F00', renewing: '#0072B2', lapsing: '#999999' };

const CHART_FONT = 'DejaVu Sans';
const require = createRequire(import.meta.url);
const FONT_FILES = ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'].map((f) => require.resolve(f));

export interface ChartSize {
  /** The plot area's width and height in CSS pixels (titles, axes and legend come on top). */
  width: number;
  height: number;
  /** Pixel density of the PNG (1 = one pixel per CSS pixel). */
  scale: number;
}

const DEFAULT_CHART_SIZE: ChartSize = { width: 560, height: 200, scale: 1 };

/** The Vega-Lite spec of a renewal chart: bars of value at stake per bucket, stacked by decision, the count on top. */
export function renewalChartSpec(chart: RenewalChart, size: Pick<ChartSize, 'width' | 'height'> = DEFAULT_CHART_SIZE): vegaLite.TopLevelSpec {
  const labels = chart.buckets.map((b) => b.label);
  const values = chart.rows.map((r) => ({ ...r, refs: r.refs.join(', '), order: CHART_DECISIONS.indexOf(r.decision) }));
  const empty = values.length === 0;
  const subtitle = [chart.subtitle, ...chart.notes, ...(empty ? ['No notice deadlines in this window.'] : [])];
  const yTitle = chart.currency ? `Value at stake (${chart.currency})` : 'Value at stake';
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: size.width,
    height: size.height,
    background: 'white',
    padding: 12,
    title: { text: chart.title, subtitle, anchor: 'start', fontSize: 15, subtitleFontSize: 11, subtitleColor: '#555555', offset: 10 },
    data: { values },
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: {
            field: 'label',
            type: 'ordinal',
            sort: labels,
            scale: { domain: labels },
            axis: { title: null, labelAngle: chart.kind === 'timeline' ? -40 : 0, labelOverlap: false },
          },
          y: {
            field: 'amount',
            type: 'quantitative',
            stack: 'zero',
            title: yTitle,
            axis: { format: '~s', tickCount: 5 },
            ...(empty ? { scale: { domain: [0, 1] } } : {}),
          },
          color: {
            field: 'decision',
            type: 'nominal',
            title: null,
            scale: { domain: [...CHART_DECISIONS], range: CHART_DECISIONS.map((d) => DECISION_COLOURS[d]) },
            legend: { orient: 'top', direction: 'horizontal', symbolType: 'square' },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        transform: [
          {
            aggregate: [
              { op: 'sum', field: 'amount', as: 'total' },
              { op: 'sum', field: 'contracts', as: 'count' },
            ],
            groupby: ['label'],
          },
        ],
        mark: { type: 'text', dy: -7, fontSize: 10, color: '#333333' },
        encoding: {
          x: { field: 'label', type: 'ordinal', sort: labels, scale: { domain: labels } },
          y: { field: 'total', type: 'quantitative' },
          text: { field: 'count', type: 'quantitative' },
        },
      },
    ],
    config: { font: CHART_FONT, view: { stroke: null }, axis: { labelFontSize: 10, titleFontSize: 11, gridColor: '#e6e6e6' }, legend: { labelFontSize: 11 } },
  };
}

/** The chart as an SVG document (for a web page, or to rasterise). */
export async function renderChartSvg(chart: RenewalChart, size: Pick<ChartSize, 'width' | 'height'> = DEFAULT_CHART_SIZE): Promise<string> {
  const compiled = vegaLite.compile(renewalChartSpec(chart, size)).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none', logLevel: vega.Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Rasterises an SVG to PNG with resvg, text in the bundled DejaVu Sans. `compact` turns off
 * anti-aliasing (fewer colours: about half the bytes), for a card with a size limit.
 */
function svgToPng(svg: string, scale = 1, compact = false): RenderedChart {
  const resvg = new Resvg(svg, {
    ...(compact ? { shapeRendering: 0, textRendering: 0 } : {}),
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  const image = resvg.render();
  const png = image.asPng();
  return { png: new Uint8Array(png), pngBase64: png.toString('base64'), width: image.width, height: image.height };
}

/** The ChartRenderer port: Vega-Lite → SVG → PNG. */
export class VegaChartRenderer implements ChartRenderer {
  constructor(private readonly size: ChartSize = DEFAULT_CHART_SIZE) {}

  async renderPng(chart: RenewalChart, options: { compact?: boolean } = {}): Promise<RenderedChart> {
    return svgToPng(await renderChartSvg(chart, this.size), options.compact ? 1 : this.size.scale, options.compact === true);
  }
}
