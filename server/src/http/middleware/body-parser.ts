/**
 * Decodes request bodies into `ctx.state.body` (and `ctx.state.files`) before routing, per contract 2.6:
 * JSON, multipart (with @jsonPayload) and urlencoded. Any other non-empty Content-Type is a 400; bodies above
 * the limit are a 413 and are never fully buffered.
 */
import type { Middleware } from 'koa';
import { badRequest } from '../../core/errors.js';
import type { PlinthState, PlinthContext } from '../http-state.js';
import { readBody } from '../body/body-read.js';
import { decodeUrlEncoded, parseJsonObject } from '../body/form-values.js';
import { readMultipart } from '../body/multipart-read.js';

export function bodyParserMiddleware(limitFor: (ctx: PlinthContext) => number): Middleware<PlinthState> {
  // Requests without a body (most reads) pass straight on, without an async layer of their own.
  return (ctx, next) => {
    ctx.state.body = {};
    ctx.state.files = [];
    if (!hasBody(ctx)) return next();
    return readInto(ctx, limitFor(ctx)).then(next);
  };
}

async function readInto(ctx: PlinthContext, limit: number): Promise<void> {
  const type = (ctx.get('Content-Type').split(';')[0] ?? '').trim().toLowerCase();
  if (type === 'multipart/form-data') {
    const { body, files } = await readMultipart(ctx.req, limit);
    ctx.state.body = body;
    ctx.state.files = files;
  } else {
    const raw = await readBody(ctx.req, limit);
    if (raw.length > 0) ctx.state.body = decode(type, raw);
  }
}

function decode(type: string, raw: Buffer): Record<string, unknown> {
  if (type === 'application/json' || type.endsWith('+json')) return parseJsonObject(raw.toString('utf8'));
  if (type === 'application/x-www-form-urlencoded') return decodeUrlEncoded(raw.toString('utf8'));
  throw badRequest('Unsupported Content-Type.');
}

function hasBody(ctx: PlinthContext): boolean {
  if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS') return false;
  const length = ctx.get('Content-Length');
  if (length !== '') return Number(length) > 0;
  return ctx.get('Transfer-Encoding') !== '';
}
