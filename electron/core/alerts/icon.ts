/**
 * Tray icons drawn in code: a shield-coloured disc per state with the open-incident count on it, encoded as PNG.
 * Pure Node (zlib), so the icons are unit-tested here even though Electron cannot start on these machines.
 */
import { deflateSync } from 'node:zlib';
import type { TrayState } from '../app';

const COLOURS: Readonly<Record<TrayState, readonly [number, number, number]>> = {
  watching: [46, 125, 50],
  syncing: [21, 101, 192],
  warning: [239, 108, 0],
  critical: [198, 40, 40],
  error: [97, 97, 97],
};

/** 3×5 pixel digits, rows top to bottom, bits left to right. */
const DIGITS: readonly number[][] = [
  [7, 5, 5, 5, 7],
  [2, 6, 2, 2, 7],
  [7, 1, 7, 4, 7],
  [7, 1, 7, 1, 7],
  [5, 5, 7, 1, 1],
  [7, 4, 7, 1, 7],
  [7, 4, 7, 5, 7],
  [7, 1, 1, 1, 1],
  [7, 5, 7, 5, 7],
  [7, 5, 7, 1, 7],
];
const PLUS = [0, 2, 7, 2, 0];

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0;
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** RGBA pixels of the icon at `size` px (multiple of 16 reads best), with `count` drawn when above zero. */
export function trayIconPixels(state: TrayState, count: number, size = 32): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const [r, g, b] = COLOURS[state];
  const c = (size - 1) / 2;
  const rad = size / 2 - 0.5;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - c, y - c);
      const a = Math.max(0, Math.min(1, rad - d + 0.5));
      const i = (y * size + x) * 4;
      px[i] = r;
      px[i + 1] = g;
      px[i + 2] = b;
      px[i + 3] = Math.round(a * 255);
    }
  }
  const glyphs = count <= 0 ? [] : count > 9 ? [DIGITS[9], PLUS] : [DIGITS[count]];
  const scale = Math.max(1, Math.floor(size / (glyphs.length > 1 ? 10 : 8)));
  const w = glyphs.length * 3 * scale + (glyphs.length - 1) * scale;
  const x0 = Math.round((size - w) / 2);
  const y0 = Math.round((size - 5 * scale) / 2);
  glyphs.forEach((rows, gi) => {
    rows?.forEach((bits, ry) => {
      for (let bx = 0; bx < 3; bx++) {
        if (!((bits >> (2 - bx)) & 1)) continue;
        for (let sy = 0; sy < scale; sy++) {
          for (let sx = 0; sx < scale; sx++) {
            const x = x0 + gi * 4 * scale + bx * scale + sx;
            const y = y0 + ry * scale + sy;
            const i = (y * size + x) * 4;
            px[i] = px[i + 1] = px[i + 2] = 255;
            px[i + 3] = 255;
          }
        }
      }
    });
  });
  return px;
}

const drawn = new Map<string, Buffer>();

/**
 * The icon as a PNG, drawn once per look: both the tray and the windows' status ask for it on every refresh, and
 * there are few looks (the states, 0-9 and "9+", a size or two). Callers must not write to the buffer.
 */
export function trayIconPng(state: TrayState, count: number, size = 32): Buffer {
  const key = `${state}:${Math.max(0, Math.min(count, 10))}:${size}`;
  let png = drawn.get(key);
  if (!png) {
    png = encodePng(size, size, trayIconPixels(state, count, size));
    drawn.set(key, png);
  }
  return png;
}
