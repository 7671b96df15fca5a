// Draws Steward's app icon (a shield with a check mark) as a 512×512 PNG,
// so the packaging config has a real icon without binary tooling.
// Run: ./steward node scripts/make-icon.ts apps/desktop/resources/icon.png
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** Signed distance-ish tests for the shield outline and the check stroke. */
function pixel(x: number, y: number): [number, number, number, number] {
  const u = (x - SIZE / 2) / (SIZE / 2);
  const v = (y - SIZE / 2) / (SIZE / 2);
  const halfWidth = v < 0.1 ? 0.72 : 0.72 * Math.max(0, 1 - ((v - 0.1) / 0.8) ** 1.6);
  const inShield = v > -0.82 && v < 0.9 && Math.abs(u) < halfWidth;
  if (!inShield) return [0, 0, 0, 0];
  const onCheck = distanceToSegment(u, v, -0.38, 0.02, -0.1, 0.3) < 0.085 || distanceToSegment(u, v, -0.1, 0.3, 0.4, -0.28) < 0.085;
  if (onCheck) return [255, 255, 255, 255];
  const shade = Math.round(40 * (v + 1));
  return [29 + shade / 4, 78 + shade / 2, 216 - shade, 255];
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    const [r, g, b, a] = pixel(x + 0.5, y + 0.5);
    raw.set([r, g, b, a], y * (SIZE * 4 + 1) + 1 + x * 4);
  }
}
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array())]);
const out = process.argv[2] ?? 'icon.png';
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
