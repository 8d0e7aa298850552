import { describe, expect, it } from 'vitest';
import { sniffMime } from './mime-sniff.js';

describe('sniffMime', () => {
  const text = (s: string) => new TextEncoder().encode(s);
  it.each([
    ['<svg xmlns="http://www.w3.org/2000/svg"></svg>', 'image/svg+xml'],
    ['<?xml version="1.0"?>\n<!-- c --><svg></svg>', 'image/svg+xml'],
    ['  <!DOCTYPE html><html></html>', 'text/html; charset=utf-8'],
    ['<script>alert(1)</script>', 'text/html; charset=utf-8'],
    ['<?xml version="1.0"?><note/>', 'text/xml; charset=utf-8'],
    ['{"a":1}', 'application/json'],
    ['just words', 'text/plain; charset=utf-8'],
  ])('%j -> %s', async (content, mime) => {
    expect((await sniffMime(text(content))).mimeType).toBe(mime);
  });

  it('detects binary formats by magic number and falls back to octet-stream', async () => {
    const pngHead = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await sniffMime(pngHead)).toEqual({ mimeType: 'image/png', extension: '.png' });
    expect(await sniffMime(Uint8Array.from([0, 1, 2, 3, 0xff]))).toEqual({ mimeType: 'application/octet-stream', extension: '' });
  });
});
