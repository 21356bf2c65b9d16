/**
 * `npm run package:teams`: builds dist/clause-teams.zip, the app package to upload to Teams
 * (manifest.json and the two icons at the zip's root). With MICROSOFT_APP_ID set, the app and bot
 * ids become that id; with PUBLIC_BASE_URL, its host is added to validDomains.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';

const source = join(process.cwd(), 'manifests', 'teams');
const out = join(process.cwd(), 'dist', 'clause-teams.zip');

const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as {
  id: string;
  bots: Array<{ botId: string }>;
  validDomains: string[];
  icons: { color: string; outline: string };
};
const appId = process.env.MICROSOFT_APP_ID?.trim();
if (appId) {
  manifest.id = appId;
  for (const bot of manifest.bots) bot.botId = appId;
}
const baseUrl = process.env.PUBLIC_BASE_URL?.trim();
if (baseUrl) {
  const host = new URL(baseUrl).host;
  if (!manifest.validDomains.includes(host)) manifest.validDomains.push(host);
}

const zip = new JSZip();
zip.file('manifest.json', JSON.stringify(manifest, null, 2));
for (const icon of [manifest.icons.color, manifest.icons.outline]) zip.file(icon, readFileSync(join(source, icon)));
const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
mkdirSync(join(process.cwd(), 'dist'), { recursive: true });
writeFileSync(out, bytes);
console.log(`wrote ${out} (${bytes.length} bytes; app id ${manifest.id})`);
