import { renewalDigestChart, renewalTimelineChart } from '../../../src/core/views/renewal-charts.js';
import { DECISION_COLOURS, renderChartSvg, renewalChartSpec, VegaChartRenderer } from '../../../src/infra/charts/render-renewal-chart.js';
import { countColour, countDark, decodePng, pngSize } from '../../support/png.js';
import { listOf, upcoming } from '../../support/renewal-chart-fixtures.js';

const list = listOf('2026-12-02', '2027-11-30', [
  upcoming('C-1', '2026-12-10', [12_000_000, 'USD']),
  upcoming('C-2', '2026-12-20', [4_000_000, 'USD'], 'renew'),
  upcoming('C-4', '2027-02-01', [1_800_000, 'USD'], 'lapse'),
  upcoming('C-5', '2027-03-15', [25_000_000, 'USD']),
]);

describe('renewal charts drawn with Vega-Lite and resvg', () => {
  const renderer = new VegaChartRenderer();

  it('the spec stacks value at stake by decision, in fixed colours, with every bucket on the axis', () => {
    const spec = renewalChartSpec(renewalTimelineChart(list)) as unknown as {
      layer: Array<{ encoding: Record<string, { scale?: { domain?: unknown; range?: unknown } }> }>;
    };
    const bars = spec.layer[0]!.encoding;
    expect(bars.color!.scale).toEqual({ domain: ['undecided', 'renewing', 'lapsing'], range: ['#E69F00', '#0072B2', '#999999'] });
    expect((bars.x!.scale!.domain as string[]).length).toBe(12);
  });

  it('renders SVG on the server (no canvas) with the title, the months and the legend as text', async () => {
    const svg = await renderChartSvg(renewalTimelineChart(list));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const text of ['Renewal timeline', 'Dec 2026', 'Nov 2027', 'undecided', 'renewing', 'lapsing', 'Value at stake (USD)']) expect(svg).toContain(text);
  });

  it('renders a PNG of the expected size that is not blank: bars in the decision colours, and text (the bundled font)', async () => {
    const rendered = await renderer.renderPng(renewalTimelineChart(list));
    expect(pngSize(rendered.png)).toEqual({ width: rendered.width, height: rendered.height });
    // 560 x 200 plot area plus title, legend, axes and padding.
    expect(rendered.width).toBeGreaterThanOrEqual(600);
    expect(rendered.width).toBeLessThanOrEqual(720);
    expect(rendered.height).toBeGreaterThanOrEqual(280);
    expect(rendered.height).toBeLessThanOrEqual(420);
    expect(Buffer.from(rendered.pngBase64, 'base64').equals(Buffer.from(rendered.png))).toBe(true);
    const png = decodePng(rendered.png);
    expect(countColour(png, DECISION_COLOURS.undecided)).toBeGreaterThan(2_000);
    expect(countColour(png, DECISION_COLOURS.renewing)).toBeGreaterThan(200);
    expect(countColour(png, DECISION_COLOURS.lapsing)).toBeGreaterThan(50);
    // The title (top left) is dark text on white: a missing font would leave it empty.
    expect(countDark(png, 100, { x0: 0, y0: 0, x1: 200, y1: 30 })).toBeGreaterThan(150);
  });

  it('a compact PNG (for a Teams card) is the same size in pixels and much smaller in bytes', async () => {
    const chart = renewalDigestChart(listOf('2026-12-02', '2027-01-01', list.items.slice(0, 2)), 'Renewals digest, week of 2026-11-30');
    const [full, compact] = await Promise.all([renderer.renderPng(chart), renderer.renderPng(chart, { compact: true })]);
    expect([compact.width, compact.height]).toEqual([full.width, full.height]);
    expect(compact.png.byteLength).toBeLessThan(full.png.byteLength * 0.7);
    expect(compact.pngBase64.length).toBeLessThan(20_000);
    expect(countColour(decodePng(compact.png), DECISION_COLOURS.undecided, 0)).toBeGreaterThan(1_000);
  });

  it('draws an empty window as axes and a line saying so', async () => {
    const chart = renewalDigestChart(listOf('2026-12-02', '2027-01-01', []));
    const svg = await renderChartSvg(chart);
    expect(svg).toContain('No notice deadlines in this window.');
    const png = decodePng((await renderer.renderPng(chart)).png);
    expect(countColour(png, DECISION_COLOURS.undecided, 0)).toBeLessThan(200); // the legend swatch only
  });
});
