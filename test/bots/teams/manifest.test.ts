import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { parseTeamsCommand, TEAMS_COMMANDS } from '../../../src/bots/teams/teams-commands.js';

const dir = join(process.cwd(), 'manifests', 'teams');
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Png {
  width: number;
  height: number;
  colorType: number;
  /** RGBA, row by row (colour type 6 only). */
  pixels: Buffer;
}

/** Reads a PNG's header and, for 8-bit RGBA, its pixels (undoing the row filters). */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let offset = 8;
  let header: Buffer | undefined;
  const idat: Buffer[] = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('ascii', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  if (!header) throw new Error('no IHDR');
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const colorType = header[9]!;
  if (colorType !== 6 || header[8] !== 8) return { width, height, colorType, pixels: Buffer.alloc(0) };
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const paeth = () => {
        const p = a + b - c;
        const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      };
      const predictor = [0, a, b, (a + b) >> 1, paeth()][filter]!;
      pixels[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, colorType, pixels };
}

describe('the Teams app manifest', () => {
  it('has the required fields, with GUID ids and the bot on every scope', () => {
    expect(manifest.manifestVersion).toBe('1.17');
    expect(manifest.$schema).toContain('/v1.17/');
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(manifest.id).toMatch(GUID);
    for (const key of ['name', 'websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(manifest.developer[key]).toBeTruthy();
    expect(manifest.developer.websiteUrl).toMatch(/^https:\/\//);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.name.full.length).toBeLessThanOrEqual(100);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    expect(manifest.accentColor).toMatch(/^#[0-9A-F]{6}$/i);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0].botId).toMatch(GUID);
    expect(manifest.bots[0].botId).toBe(manifest.id);
    expect(manifest.bots[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(manifest.validDomains.length).toBeGreaterThan(0);
    for (const d of manifest.validDomains) expect(d).not.toMatch(/^https?:/);
  });

  it('lists exactly the commands the bot handles, each within Teams limits', () => {
    const lists = manifest.bots[0].commandLists;
    expect(lists).toHaveLength(1);
    expect(lists[0].scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    const commands = lists[0].commands as Array<{ title: string; description: string }>;
    expect(commands.length).toBeLessThanOrEqual(10);
    expect(commands).toEqual(TEAMS_COMMANDS.map((c) => ({ title: c.title, description: c.description })));
    for (const c of commands) {
      expect(c.title.length).toBeLessThanOrEqual(32);
      expect(c.description.length).toBeLessThanOrEqual(128);
      // Every listed command is understood (show/ask get a sample argument, as the user types one).
      const samples: Record<string, string> = {
        'contract show': 'contract show C-2026-0001',
        'contract ask': 'contract ask what renews?',
        'contract obligation': 'contract obligation C-2026-0001 payment 2027-01-15 Fee',
        'contract obligations': 'contract obligations C-2026-0001',
      };
      const sample = samples[c.title] ?? c.title;
      const { command, problem } = parseTeamsCommand(sample);
      expect(problem).toBeUndefined();
      expect(command.kind).toBe(c.title === 'help' ? 'help' : c.title.split(' ')[1]);
    }
  });

  it('has a 192x192 colour icon and a 32x32 white outline on a transparent background', () => {
    const color = readPng(readFileSync(join(dir, manifest.icons.color)));
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = readPng(readFileSync(join(dir, manifest.icons.outline)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    expect(outline.colorType).toBe(6); // RGBA: the only way to be transparent here
    let transparent = 0;
    let opaque = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const [r, g, b, a] = outline.pixels.subarray(i, i + 4);
      if (a === 0) transparent++;
      else {
        opaque++;
        expect([r, g, b]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(0);
    expect(opaque).toBeGreaterThan(0);
  });

  it('npm run package:teams zips the manifest and icons, with the configured app id', async () => {
    const appId = '11111111-2222-3333-4444-555555555555';
    await promisify(execFile)('npx', ['tsx', 'scripts/package-teams.ts'], {
      env: { ...process.env, MICROSOFT_APP_ID: appId, PUBLIC_BASE_URL: 'https://bot.example.org' },
    });
    const zip = await JSZip.loadAsync(readFileSync(join(process.cwd(), 'dist', 'clause-teams.zip')));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(await zip.file('manifest.json')!.async('string'));
    expect(packaged.id).toBe(appId);
    expect(packaged.bots[0].botId).toBe(appId);
    expect(packaged.validDomains).toContain('bot.example.org');
    const outline = readPng(await zip.file('outline.png')!.async('nodebuffer'));
    expect(outline.width).toBe(32);
  });
});
