/**
 * Reads a request body into memory with a hard size cap. A declared Content-Length above the cap is refused
 * before reading anything; a chunked body is refused as soon as the running total passes the cap.
 */
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../core/errors.js';

export const tooLarge = () => new AppError('payload_too_large');

/** Throws 413 when Content-Length is known and above the limit. */
export function checkDeclaredLength(req: IncomingMessage, limit: number): void {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
}

export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  checkDeclaredLength(req, limit);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    const onData = (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        chunks.length = 0;
        // Stop buffering; the rest of the upload is drained and discarded by Node.
        req.off('data', onData);
        req.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      if (!failed) resolve(Buffer.concat(chunks));
    });
    req.once('error', (err) => {
      if (!failed) {
        failed = true;
        reject(err);
      }
    });
  });
}
