/**
 * MIME type detection from content (the client's declared type is never trusted): binary formats through
 * `file-type` magic numbers, then a few text formats that matter for safety and `mimeTypes` rules (SVG, HTML,
 * XML, JSON), then UTF-8 text, else application/octet-stream.
 */
import { fileTypeFromBuffer } from 'file-type';
import type { FileUpload } from './port.js';

export interface Sniffed {
  mimeType: string;
  /** With the leading dot; "" when the type has no usual extension. */
  extension: string;
}

function looksLikeText(data: Uint8Array): boolean {
  const sample = data.subarray(0, 8192);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < data.length ? trimPartialChar(sample) : sample);
    return true;
  } catch {
    return false;
  }
}

/** A sample cut inside a multi-byte character would fail strict decoding: drop the trailing partial one. */
function trimPartialChar(sample: Uint8Array): Uint8Array {
  let end = sample.length;
  for (let i = 1; i <= 3 && end - i >= 0; i++) {
    const byte = sample[end - i];
    if ((byte & 0xc0) === 0x80) continue;
    if (byte >= 0xc0) end -= i;
    break;
  }
  return sample.subarray(0, end);
}

function sniffText(data: Uint8Array): Sniffed | null {
  if (!looksLikeText(data)) return null;
  const head = Buffer.from(data.subarray(0, 4096)).toString('utf8').replace(/^\uFEFF/, '').trimStart().toLowerCase();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/.test(head)) return { mimeType: 'image/svg+xml', extension: '.svg' };
  if (/^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|script|iframe|h1|div|font|table|a|style|title|b|br|p)[\s>]/.test(head)) {
    return { mimeType: 'text/html; charset=utf-8', extension: '.html' };
  }
  if (head.startsWith('<?xml')) return { mimeType: 'text/xml; charset=utf-8', extension: '.xml' };
  if (/^[[{]/.test(head)) {
    try {
      JSON.parse(Buffer.from(data).toString('utf8'));
      return { mimeType: 'application/json', extension: '.json' };
    } catch {
      // not JSON: plain text below
    }
  }
  return { mimeType: 'text/plain; charset=utf-8', extension: '.txt' };
}

export async function sniffMime(data: Uint8Array): Promise<Sniffed> {
  const binary = await fileTypeFromBuffer(data).catch(() => undefined);
  // file-type reports any XML (SVG included) as application/xml: the text rules tell SVG apart.
  if (binary && binary.ext !== 'xml') return { mimeType: binary.mime, extension: `.${binary.ext}` };
  return sniffText(data) ?? { mimeType: 'application/octet-stream', extension: '' };
}

/** Turns a received file part into the upload a records use case takes. */
export async function toFileUpload(key: string, filename: string, data: Uint8Array): Promise<FileUpload> {
  const { mimeType, extension } = await sniffMime(data);
  return { key, filename, data, mimeType, extension };
}
