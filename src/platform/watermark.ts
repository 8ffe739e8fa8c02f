import sharp, { type Sharp } from 'sharp';

/** A watermarked preview's longest side, in pixels (smaller images keep their size). */
export const PREVIEW_MAX_SIDE = 1200;
/** What a preview is encoded as. */
export const PREVIEW_TYPE = 'image/webp';
const MARK = 'Kafiil · كفيل';

/**
 * The watermark laid over a preview `width` × `height` px: the site's name in Latin and Arabic letters, repeated in
 * rows turned 30° across the whole image, white with a dark outline (seen on light and dark pictures alike), half
 * transparent, with a thin line between the rows that does not depend on any font being installed.
 */
export function watermarkSvg(width: number, height: number): Buffer {
  // Five repeats along the longest side; the text takes about 7 of its font sizes, so a font of step/8 fits a repeat.
  const step = Math.max(64, Math.round(Math.max(width, height) / 5));
  const row = Math.round(step / 2);
  const font = Math.max(8, Math.round(step / 8));
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
    `<defs><pattern id="mark" width="${step}" height="${row}" patternUnits="userSpaceOnUse" patternTransform="rotate(-30)">` +
    `<line x1="0" y1="${row - 4}" x2="${step}" y2="${row - 4}" stroke="#fff" stroke-opacity="0.45" stroke-width="3"/>` +
    `<line x1="0" y1="${row - 1.5}" x2="${step}" y2="${row - 1.5}" stroke="#000" stroke-opacity="0.3" stroke-width="2"/>` +
    `<text x="${step / 2}" y="${Math.round(row / 2)}" text-anchor="middle" dominant-baseline="middle" ` +
    `font-family="Noto Sans Arabic, Noto Sans, DejaVu Sans, sans-serif" font-size="${font}" font-weight="700" ` +
    `fill="#fff" fill-opacity="0.5" stroke="#000" stroke-opacity="0.35" stroke-width="1">${MARK}</text>` +
    `</pattern></defs><rect width="100%" height="100%" fill="url(#mark)"/></svg>`;
  return Buffer.from(svg);
}

/**
 * A decoded image as the public may see it: at most PREVIEW_MAX_SIDE px on its longest side, the watermark over all
 * of it, transparency flattened on white, re-encoded as WebP (which drops its metadata). Throws what sharp throws
 * when the image cannot be decoded.
 */
export async function watermarkedPreview(img: Sharp): Promise<Buffer> {
  const { data, info } = await img
    .resize({ width: PREVIEW_MAX_SIDE, height: PREVIEW_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .flatten({ background: '#ffffff' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // The size is known only once resized (and turned by its EXIF orientation): the watermark goes on in a second pass.
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
    .composite([{ input: watermarkSvg(info.width, info.height), blend: 'over' }])
    .webp({ quality: 75 })
    .toBuffer();
}
