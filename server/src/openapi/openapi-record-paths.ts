/**
 * The records endpoints of each collection (`/api/collections/{name}/records[/{id}]`), written out per
 * collection so that generated clients get each collection's own types. An operation whose rule is null is
 * superuser-only and appears in the superuser document only; view collections are read-only.
 */
import type { Collection } from '../core/collections/model.js';
import { errorResponses, jsonBody, jsonResponse, NO_CONTENT, parameterRefs } from './openapi-components.js';
import { allows, type DocContext } from './openapi-context.js';
import { schemaRef } from './openapi-names.js';
import { hasUploads } from './openapi-record-schemas.js';
import type { OpenApiOperation, OpenApiPaths, OpenApiPathItem } from './openapi-types.js';

const ID_PARAMETER = { name: 'id', in: 'path' as const, required: true, description: 'The record id.', schema: { type: 'string' } };

function writeBody(ctx: DocContext, c: Collection, mode: 'Create' | 'Update') {
  const body = jsonBody(schemaRef(ctx.names.of(c, mode)));
  if (!hasUploads(c)) return body;
  const form = schemaRef(ctx.names.of(c, mode === 'Create' ? 'CreateForm' : 'UpdateForm'));
  return { ...body, content: { ...body.content, 'multipart/form-data': { schema: form } } };
}

/** Drops path items left without operations. */
const nonEmpty = (paths: OpenApiPaths): OpenApiPaths =>
  Object.fromEntries(Object.entries(paths).filter(([, item]) => Object.keys(item).some((k) => k !== 'parameters')));

export function recordPaths(ctx: DocContext, c: Collection): OpenApiPaths {
  const record = schemaRef(ctx.names.of(c, 'record'));
  const tags = [c.name];
  const op = (verb: string, summary: string, rest: Omit<OpenApiOperation, 'operationId' | 'summary' | 'tags'>): OpenApiOperation => ({
    operationId: `${c.name}_${verb}`,
    summary,
    tags,
    ...rest,
  });
  const base = `/api/collections/${c.name}/records`;
  const list: OpenApiPathItem = {};
  const one: OpenApiPathItem = { parameters: [ID_PARAMETER] };

  if (allows(ctx, c.listRule)) {
    list.get = op('list', `List records of ${c.name}`, {
      description: `Filtered, sorted, paged ${c.name} records. List rule: ${ruleText(ctx, c.listRule)}`,
      parameters: parameterRefs('page', 'perPage', 'sort', 'filter', 'expand', 'fields', 'skipTotal'),
      responses: { 200: jsonResponse('A page of records.', schemaRef(ctx.names.of(c, 'List'))), ...errorResponses(400, 403) },
    });
  }
  if (allows(ctx, c.viewRule)) {
    one.get = op('view', `View a record of ${c.name}`, {
      description: `View rule: ${ruleText(ctx, c.viewRule)}`,
      parameters: parameterRefs('expand', 'fields'),
      responses: { 200: jsonResponse('The record.', record), ...errorResponses(403, 404) },
    });
  }
  if (c.type !== 'view') {
    if (allows(ctx, c.createRule)) {
      list.post = op('create', `Create a record in ${c.name}`, {
        description: `Create rule: ${ruleText(ctx, c.createRule)}`,
        parameters: parameterRefs('expand', 'fields'),
        requestBody: writeBody(ctx, c, 'Create'),
        responses: { 200: jsonResponse('The new record.', record), ...errorResponses(400, 403) },
      });
    }
    if (allows(ctx, c.updateRule)) {
      one.patch = op('update', `Update a record of ${c.name}`, {
        description: `Update rule: ${ruleText(ctx, c.updateRule)}`,
        parameters: parameterRefs('expand', 'fields'),
        requestBody: writeBody(ctx, c, 'Update'),
        responses: { 200: jsonResponse('The updated record.', record), ...errorResponses(400, 403, 404) },
      });
    }
    if (allows(ctx, c.deleteRule)) {
      one.delete = op('delete', `Delete a record of ${c.name}`, {
        description: `Delete rule: ${ruleText(ctx, c.deleteRule)}`,
        responses: { 204: NO_CONTENT, ...errorResponses(400, 403, 404) },
      });
    }
  }
  return nonEmpty({ [base]: list, [`${base}/{id}`]: one });
}

/** How a rule reads in an operation's description; only superusers read rule expressions (they can name other collections). */
function ruleText(ctx: DocContext, rule: string | null): string {
  if (rule === null) return 'superusers only.';
  if (rule === '') return 'anyone.';
  return ctx.audience === 'superuser' ? `\`${rule}\`.` : 'callers the rule lets in (others get 403, or an empty list).';
}
