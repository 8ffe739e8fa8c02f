// The committed Arabic web font (made by scripts/subset-font.py) covers every Arabic character the site writes: the
// message catalogues, the page templates and the demo data (every non-test source file), and its @font-face
// unicode-range (src/web/styles/font.css) asks the browser to fetch it for each of them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { assetUrl, FONT_DIR, FONT_FILE } from '../assets.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** The Arabic script's blocks: a character in one of them must be drawn by the web font. */
const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/gu;

/** A WOFF2 file's UIntBase128 at `at`: its value and the offset after it. */
function base128(buf: Buffer, at: number): [number, number] {
  let value = 0;
  for (let i = 0; i < 5; i++) {
    const b = buf[at + i];
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) return [value, at + i + 1];
  }
  throw new Error('bad UIntBase128');
}

/** The code points a WOFF2 font maps to a glyph (its cmap: format 4 and 12 subtables). */
function woff2CodePoints(file: string): Set<number> {
  const buf = fs.readFileSync(file);
  expect(buf.toString('latin1', 0, 4)).toBe('wOF2');
  const numTables = buf.readUInt16BE(12);
  const compressedSize = buf.readUInt32BE(20);
  let at = 48;
  const tables: { tag: number | string; size: number }[] = [];
  for (let i = 0; i < numTables; i++) {
    const flags = buf[at++];
    let tag: number | string = flags & 0x3f;
    if (tag === 63) {
      tag = buf.toString('latin1', at, at + 4);
      at += 4;
    }
    const version = flags >> 6;
    let size: number;
    [size, at] = base128(buf, at);
    // glyf and loca (tags 10, 11) are transformed at version 0; every other table at a version other than 0.
    const transformed = tag === 10 || tag === 11 ? version === 0 : version !== 0;
    if (transformed) [size, at] = base128(buf, at);
    tables.push({ tag, size });
  }
  const data = zlib.brotliDecompressSync(buf.subarray(at, at + compressedSize));
  let offset = 0;
  for (const t of tables) {
    if (t.tag === 0) break; // cmap
    offset += t.size;
  }
  const cmap = data.subarray(offset);
  const points = new Set<number>();
  const count = cmap.readUInt16BE(2);
  for (let i = 0; i < count; i++) {
    const sub = cmap.subarray(cmap.readUInt32BE(4 + i * 8 + 4));
    const format = sub.readUInt16BE(0);
    if (format === 4) {
      const segs = sub.readUInt16BE(6) / 2;
      const ends = 14;
      const starts = ends + segs * 2 + 2;
      const deltas = starts + segs * 2;
      const ranges = deltas + segs * 2;
      for (let s = 0; s < segs; s++) {
        const end = sub.readUInt16BE(ends + s * 2);
        const start = sub.readUInt16BE(starts + s * 2);
        const delta = sub.readInt16BE(deltas + s * 2);
        const rangeOffset = sub.readUInt16BE(ranges + s * 2);
        for (let c = start; c <= end && c !== 0xffff; c++) {
          let glyph: number;
          if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
          else {
            const g = sub.readUInt16BE(ranges + s * 2 + rangeOffset + (c - start) * 2);
            glyph = g === 0 ? 0 : (g + delta) & 0xffff;
          }
          if (glyph) points.add(c);
        }
      }
    } else if (format === 12) {
      const groups = sub.readUInt32BE(12);
      for (let g = 0; g < groups; g++) {
        const first = sub.readUInt32BE(16 + g * 12);
        const last = sub.readUInt32BE(20 + g * 12);
        for (let c = first; c <= last; c++) points.add(c);
      }
    }
  }
  return points;
}

/** Every Arabic character written in the site's source (not its tests). */
function arabicInSource(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx|js)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
        for (const ch of fs.readFileSync(p, 'utf8').match(ARABIC) ?? []) if (!found.has(ch)) found.set(ch, path.relative(ROOT, p));
      }
    }
  };
  walk(path.join(ROOT, 'src'));
  return found;
}

/** The code points of a CSS unicode-range ("U+0621-063A, U+0640, …"). */
function rangeCodePoints(range: string): Set<number> {
  const points = new Set<number>();
  for (const part of range.split(',').map((s) => s.trim())) {
    const [a, b] = part.replace(/^U\+/i, '').split('-');
    for (let c = Number.parseInt(a, 16); c <= Number.parseInt(b ?? a, 16); c++) points.add(c);
  }
  return points;
}

const label = (ch: string, where: string) => `${ch} U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')} (${where})`;

describe('the Arabic web font', () => {
  const css = fs.readFileSync(path.join(ROOT, 'src/web/styles/font.css'), 'utf8');
  const used = arabicInSource();

  it('is the one subset file, a small one, that the @font-face rule and the preload name', () => {
    const files = fs.readdirSync(FONT_DIR).filter((f) => f.endsWith('.woff2'));
    expect(files).toEqual([FONT_FILE]);
    expect(fs.statSync(path.join(FONT_DIR, FONT_FILE)).size).toBeLessThan(30 * 1024);
    expect(css).toContain(`url("${assetUrl('font')}") format("woff2")`);
    expect(css).toContain('font-display: swap');
  });

  it('draws every Arabic character of the catalogues, the templates and the demo data', () => {
    expect(used.size, 'the source writes Arabic').toBeGreaterThan(30);
    const points = woff2CodePoints(path.join(FONT_DIR, FONT_FILE));
    const missing = [...used].filter(([ch]) => !points.has(ch.codePointAt(0) ?? 0)).map(([ch, where]) => label(ch, where));
    expect(missing).toEqual([]);
    // The letters' shaping forms come with it (presentation forms B: isolated, initial, medial, final; lam-alef).
    for (const c of [0xfe8d, 0xfe91, 0xfe92, 0xfeea, 0xfefb]) expect(points.has(c), c.toString(16)).toBe(true);
  });

  it('is asked for by its unicode-range for each of them', () => {
    const range = css.match(/unicode-range:\s*([^;]+);/)?.[1] ?? '';
    const points = rangeCodePoints(range);
    const missing = [...used].filter(([ch]) => !points.has(ch.codePointAt(0) ?? 0)).map(([ch, where]) => label(ch, where));
    expect(missing).toEqual([]);
    // …and for no Latin letter: English text never makes the browser fetch it.
    expect([...points].filter((c) => c < 0x80)).toEqual([]);
  });
});
