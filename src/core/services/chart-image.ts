import type { ChartRenderer, RenderedChart } from '../ports/chart-renderer.js';
import type { ChatImage } from '../views/chat-message.js';
import type { RenewalChart } from '../views/renewal-charts.js';

/**
 * A renewal chart as a message's picture: the full PNG (Slack's upload) and the compact one (a
 * Teams card's size limit), with the chart's alt text. Throws what the renderer throws.
 */
export async function chartImage(charts: ChartRenderer, chart: RenewalChart, fileName: string): Promise<{ image: ChatImage; full: RenderedChart }> {
  const [full, compact] = await Promise.all([charts.renderPng(chart), charts.renderPng(chart, { compact: true })]);
  const image: ChatImage = {
    pngBase64: full.pngBase64,
    compactPngBase64: compact.pngBase64,
    width: full.width,
    height: full.height,
    alt: chart.alt,
    title: chart.title,
    fileName,
  };
  return { image, full };
}
