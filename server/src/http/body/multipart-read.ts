/**
 * multipart/form-data through busboy: text parts go through FormValues, file parts are kept in memory.
 * The size cap covers the whole body (text and files), counted as bytes arrive.
 */
import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { badRequest } from '../../core/errors.js';
import type { UploadedFile } from '../http-state.js';
import { checkDeclaredLength, tooLarge } from './body-read.js';
import { FormValues } from './form-values.js';

export function readMultipart(req: IncomingMessage, limit: number): Promise<{ body: Record<string, unknown>; files: UploadedFile[] }> {
  checkDeclaredLength(req, limit);
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, defParamCharset: 'utf8', limits: { fieldSize: limit } });
    } catch {
      reject(badRequest('Failed to load the submitted data due to invalid formatting.'));
      return;
    }
    const form = new FormValues();
    const files: UploadedFile[] = [];
    let size = 0;
    let done = false;
    const fail = (err: unknown) => {
      if (done) return;
      done = true;
      req.unpipe(parser);
      req.resume();
      reject(err);
    };

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge());
    });
    parser.on('field', (name, value) => {
      try {
        form.add(name, value);
      } catch (err) {
        fail(err);
      }
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (info.filename) files.push({ field: name, filename: info.filename, mimeType: info.mimeType, data: Buffer.concat(chunks) });
      });
    });
    parser.on('error', () => fail(badRequest('Failed to load the submitted data due to invalid formatting.')));
    parser.on('close', () => {
      if (done) return;
      try {
        const body = form.toObject();
        done = true;
        resolve({ body, files });
      } catch (err) {
        fail(err);
      }
    });
    req.pipe(parser);
  });
}
