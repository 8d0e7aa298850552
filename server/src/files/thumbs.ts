/**
 * Thumbnails with sharp (contract 7): `WxH` crops to fill from the centre, `WxHt`/`WxHb` from the top/bottom,
 * `WxHf` fits inside, `0xH`/`Wx0` keep the aspect ratio. Only raster formats PocketBase thumbs are handled;
 * the output keeps the input's format.
 */
import sharp from 'sharp';
import { THUMB_SIZE } from '../core/collections/field-types/file.js';

const THUMBABLE = /\.(png|jpe?g|gif|webp)$/i;

/** Sizes always allowed besides the field's `thumbs`. */
export const DEFAULT_THUMB = '100x100';

export const canThumb = (filename: string): boolean => THUMBABLE.test(filename);

/** The largest side a thumb may have: bounds the work a request can ask for. */
const MAX_SIDE = 4096;

export async function makeThumb(original: Uint8Array, size: string): Promise<Buffer> {
  const m = THUMB_SIZE.exec(size);
  if (!m) throw new Error(`invalid thumb size ${size}`);
  const width = Math.min(Number(m[1]), MAX_SIDE) || undefined;
  const height = Math.min(Number(m[2]), MAX_SIDE) || undefined;
  const mode = m[3];
  const image = sharp(original, { animated: false, limitInputPixels: 100_000_000 });
  if (!width || !height) return image.resize({ width, height }).toBuffer();
  if (mode === 'f') return image.resize({ width, height, fit: 'inside' }).toBuffer();
  const position = mode === 't' ? 'top' : mode === 'b' ? 'bottom' : 'centre';
  return image.resize({ width, height, fit: 'cover', position }).toBuffer();
}
