/**
 * Draws the Teams app icons with Node alone (zlib, no image library): a 192x192 full-colour icon
 * and a 32x32 white-on-transparent outline, as the Teams manifest requires. Run with
 * `npx tsx scripts/teams-icons.ts`; the PNGs are committed under manifests/teams.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGBA PNG (colour type 6) from a pixel function. */
function encodePng(size: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (1 + size * 4));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 4);
    rows[row] = 0; // no filter
    for (let x = 0; x < size; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A "C" (ring with a gap on the right) around the centre; r in [inner, outer] and not in the gap. */
function inLetterC(x: number, y: number, size: number): boolean {
  const c = (size - 1) / 2;
  const dx = x - c;
  const dy = y - c;
  const r = Math.hypot(dx, dy);
  const angle = Math.abs(Math.atan2(dy, dx));
  return r <= size * 0.36 && r >= size * 0.22 && angle > Math.PI / 4;
}

const outDir = join(process.cwd(), 'manifests', 'teams');
const BRAND: Rgba = [0x2b, 0x4c, 0x7e, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

writeFileSync(
  join(outDir, 'color.png'),
  encodePng(192, (x, y) => (inLetterC(x, y, 192) ? WHITE : BRAND)),
);
writeFileSync(
  join(outDir, 'outline.png'),
  encodePng(32, (x, y) => (inLetterC(x, y, 32) ? WHITE : CLEAR)),
);
console.log(`wrote ${join(outDir, 'color.png')} and ${join(outDir, 'outline.png')}`);
