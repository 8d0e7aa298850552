/**
 * Lazily generated, cached thumbs: the first request for an allowed size renders it from the original and
 * stores it next to it (`thumbs_<file>/<size>_<file>`); later requests read the stored copy. Any problem
 * (size not allowed, format not thumbable, undecodable image) means the original is served instead.
 */
import type { App } from '../core/app.js';
import { isValidThumbSize } from '../core/collections/field-types/file.js';
import { stringListOption } from '../core/collections/field-types/field-common.js';
import type { FileTarget } from './file-access.js';
import { thumbKey } from './port.js';
import { canThumb, DEFAULT_THUMB, makeThumb } from './thumbs.js';

/** The key to serve for `?thumb=size`: the cached thumb (generated now if needed) or the original's key. */
export async function servedKey(app: App, target: FileTarget, size: string | undefined): Promise<string> {
  if (!size || !isValidThumbSize(size) || !canThumb(target.filename)) return target.key;
  if (size !== DEFAULT_THUMB && !stringListOption(target.field, 'thumbs').includes(size)) return target.key;
  const key = thumbKey(target.collection.id, target.recordId, target.filename, size);
  if (await app.files.stat(key)) return key;
  try {
    const original = await app.files.read(target.key);
    if (!original) return target.key;
    await app.files.put(key, await makeThumb(original, size), '');
    return key;
  } catch (err) {
    app.logger.warn('thumb generation failed', { key, error: String(err) });
    return target.key;
  }
}
