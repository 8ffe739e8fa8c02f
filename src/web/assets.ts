import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROOT } from '../platform/paths.ts';

const root = ROOT;
export const PUBLIC_DIR = path.join(root, 'public');
export const CLIENT_DIR = path.join(root, 'src/web/client');
/** The Arabic web font, subset by scripts/subset-font.py and committed, its content hash in its name. */
export const FONT_DIR = path.join(root, 'src/web/fonts');
export const FONT_FILE = fs.readdirSync(FONT_DIR).find((f) => f.endsWith('.woff2')) ?? 'missing.woff2';

const hashOf = (body: Buffer) => createHash('sha256').update(body).digest('hex').slice(0, 10);

/** Asset URLs carry a content hash (the font's is in its name) so they can be cached for a year. */
export function assetUrl(name: 'css' | 'font'): string {
  if (name === 'font') return `/static/fonts/${FONT_FILE}`;
  const css = appCss();
  return `/static/app.css?v=${css ? hashOf(css.body) : 'dev'}`;
}

/**
 * A static text asset served from memory with its brotli (best quality) and gzip copies, made once at its first
 * request: a slow phone gets the smallest file, and the server compresses it once, not per request.
 */
export type CompressedAsset = { type: string; body: Buffer; br: () => Buffer; gzip: () => Buffer };

export function compressedAsset(type: string, body: Buffer, gzip?: Buffer | null): CompressedAsset {
  let br: Buffer | null = null;
  let gz: Buffer | null = gzip ?? null;
  return {
    type,
    body,
    br: () => {
      br ??= zlib.brotliCompressSync(body, {
        params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      });
      return br;
    },
    gzip: () => {
      gz ??= zlib.gzipSync(body, { level: 9 });
      return gz;
    },
  };
}

/** The encoding to answer with for this Accept-Encoding: brotli, else gzip, else none. */
export function pickEncoding(acceptEncoding: string | string[] | undefined): 'br' | 'gzip' | null {
  const accept = String(acceptEncoding ?? '');
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

// ——— htmx, served by the app itself (strict CSP: no CDN) ———
const htmxFile = createRequire(import.meta.url).resolve('htmx.org/dist/htmx.min.js');
/** htmx as served (brotli or gzip: the package's own gzip copy when it ships one). */
export const HTMX = compressedAsset(
  'text/javascript; charset=utf-8',
  fs.readFileSync(htmxFile),
  fs.existsSync(`${htmxFile}.gz`) ? fs.readFileSync(`${htmxFile}.gz`) : null,
);
/** The address of htmx (with a content hash for a year of caching), for pages that use it. */
export const HTMX_SRC = `/static/vendor/htmx.min.js?v=${hashOf(HTMX.body)}`;

/** The stylesheet (public/app.css, built by scripts/build-css.mjs) as this process serves it; null until it is built. */
let stylesheet: CompressedAsset | null = null;
export function appCss(): CompressedAsset | null {
  if (stylesheet) return stylesheet;
  const file = path.join(PUBLIC_DIR, 'app.css');
  if (!fs.existsSync(file)) return null;
  stylesheet = compressedAsset('text/css; charset=utf-8', fs.readFileSync(file));
  return stylesheet;
}

function sendAsset(req: FastifyRequest, reply: FastifyReply, asset: CompressedAsset | null) {
  if (!asset) return reply.callNotFound();
  reply.header('content-type', asset.type).header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'accept-encoding');
  const encoding = pickEncoding(req.headers['accept-encoding']);
  if (encoding === 'br') return reply.header('content-encoding', 'br').send(asset.br());
  if (encoding === 'gzip') return reply.header('content-encoding', 'gzip').send(asset.gzip());
  return reply.send(asset.body);
}

/**
 * The stylesheet and htmx from memory, brotli or gzip when the client takes it, cached for a year (their addresses
 * carry their content hash). These routes win over the /static/ folder's.
 */
export function assetRoutes(app: FastifyInstance): void {
  app.get('/static/vendor/htmx.min.js', { schema: { hide: true } }, async (req, reply) => sendAsset(req, reply, HTMX));
  app.get('/static/app.css', { schema: { hide: true } }, async (req, reply) => sendAsset(req, reply, appCss()));
}
