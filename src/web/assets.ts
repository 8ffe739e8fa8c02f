import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PUBLIC_DIR = path.join(root, 'public');
export const CLIENT_DIR = path.join(root, 'src/web/client');
export const FONT_DIR = path.join(root, 'node_modules/@fontsource-variable/noto-sans-arabic/files');
export const FONT_FILE = 'noto-sans-arabic-arabic-wght-normal.woff2';

let versions: Record<string, string> | null = null;

function hashOf(file: string): string {
  try {
    return createHash('sha256').update(fs.readFileSync(file)).digest('hex').slice(0, 10);
  } catch {
    return 'dev';
  }
}

/** Asset URLs carry a content hash so they can be cached for a year. */
export function assetUrl(name: 'css' | 'font'): string {
  versions ??= { css: hashOf(path.join(PUBLIC_DIR, 'app.css')), font: '5' };
  return name === 'css' ? `/static/app.css?v=${versions.css}` : `/static/fonts/${FONT_FILE}`;
}

// ——— htmx, served by the app itself (strict CSP: no CDN) ———
const htmxFile = createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');
/** htmx as served, and its gzip copy when the package ships one. */
export const HTMX = {
  body: fs.readFileSync(htmxFile),
  gzip: fs.existsSync(`${htmxFile}.gz`) ? fs.readFileSync(`${htmxFile}.gz`) : null,
};
/** The address of htmx (with a content hash for a year of caching), for pages that use it. */
export const HTMX_SRC = `/static/vendor/htmx.min.js?v=${createHash('sha256').update(HTMX.body).digest('hex').slice(0, 10)}`;
