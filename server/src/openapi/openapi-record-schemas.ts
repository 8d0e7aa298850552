/**
 * The component schemas of one collection: its record as sent (`posts`, with `expand` typed from its
 * relations and back-relations), its create and update bodies (`postsCreate`, `postsUpdate`, and the
 * multipart `…Form` variants when it has file fields) and its list envelope (`postsList`).
 */
import { findSingleColumnUniqueIndex } from '../core/collections/index-parse.js';
import type { Collection, Field } from '../core/collections/model.js';
import { listEnvelope } from './openapi-components.js';
import type { DocContext } from './openapi-context.js';
import { withExample } from './openapi-field-examples.js';
import { fieldSchemas } from './openapi-field-schemas.js';
import { schemaRef, type CollectionSchemaKind } from './openapi-names.js';
import type { JsonSchema } from './openapi-types.js';

const isAuth = (c: Collection) => c.type === 'auth';
/** Auth internals never leave the server and are not set through the records API. */
const isInternal = (c: Collection, f: Field) => isAuth(c) && f.name === 'tokenKey';

/** Whether the field appears in this audience's responses; `always`: on every record (not only some). */
function output(ctx: DocContext, c: Collection, f: Field): { shown: boolean; always: boolean } {
  if (isInternal(c, f) || f.writeOnly === true || (f.hidden && ctx.audience !== 'superuser')) return { shown: false, always: false };
  // Non-superusers see an auth record's email only when it is visible to them (emailVisibility, owner, manager).
  return { shown: true, always: !(isAuth(c) && f.name === 'email' && ctx.audience !== 'superuser') };
}

/** Hidden fields are dropped from non-superuser input, except an auth collection's password. */
const writable = (ctx: DocContext, c: Collection, f: Field) =>
  !isInternal(c, f) && (!f.hidden || ctx.audience === 'superuser' || (isAuth(c) && f.name === 'password'));

const targetNames = (ctx: DocContext) => (id: string) => ctx.byId.get(id)?.name;

function expandSchema(ctx: DocContext, c: Collection): JsonSchema | undefined {
  const properties: Record<string, JsonSchema> = {};
  const shown = (owner: Collection, f: Field) => f.type === 'relation' && output(ctx, owner, f).shown;
  for (const f of c.fields) {
    const target = shown(c, f) ? ctx.byId.get(String(f.collectionId)) : undefined;
    if (!target) continue;
    const ref = schemaRef(ctx.names.of(target, 'record'));
    properties[f.name] = fieldSchemas(f).response?.type === 'array' ? { type: 'array', items: ref } : ref;
  }
  for (const source of ctx.collections) {
    for (const f of source.fields) {
      if (!shown(source, f) || f.collectionId !== c.id) continue;
      const ref = schemaRef(ctx.names.of(source, 'record'));
      const single = fieldSchemas(f).response?.type !== 'array' && !!findSingleColumnUniqueIndex(source.indexes, f.name);
      properties[`${source.name}_via_${f.name}`] = single ? ref : { type: 'array', items: ref };
    }
  }
  if (Object.keys(properties).length === 0) return undefined;
  return { type: 'object', description: 'The relations asked for with `expand` (absent otherwise).', properties };
}

function recordSchema(ctx: DocContext, c: Collection): JsonSchema {
  const properties: Record<string, JsonSchema> = {
    collectionId: { type: 'string', const: c.id },
    collectionName: { type: 'string', const: c.name },
  };
  const required = ['collectionId', 'collectionName'];
  for (const f of c.fields) {
    const { shown, always } = output(ctx, c, f);
    const schema = fieldSchemas(f, targetNames(ctx)).response;
    if (!shown || !schema) continue;
    properties[f.name] = withExample(schema, f);
    if (always) required.push(f.name);
  }
  const expand = expandSchema(ctx, c);
  if (expand) properties.expand = expand;
  return { type: 'object', description: `A record of the ${c.type} collection ${c.name}.`, properties, required };
}

interface Body {
  properties: Record<string, JsonSchema>;
  required: string[];
}

const objectOf = (body: Body, description: string): JsonSchema => ({
  type: 'object',
  description,
  properties: body.properties,
  ...(body.required.length ? { required: body.required } : {}),
});

/** The JSON create or update body. */
function inputBody(ctx: DocContext, c: Collection, mode: 'create' | 'update'): Body {
  const body: Body = { properties: {}, required: [] };
  for (const f of c.fields) {
    const s = fieldSchemas(f, targetNames(ctx));
    if (!writable(ctx, c, f) || !s.input || (mode === 'update' && s.createOnly)) continue;
    // A JSON create cannot carry files, and names of existing files mean nothing yet.
    if (mode === 'create' && s.form) continue;
    body.properties[f.name] = withExample(s.input, f);
    if (mode === 'create' && s.requiredOnCreate) body.required.push(f.name);
    if (mode === 'update') Object.assign(body.properties, s.modifiers);
  }
  if (isAuth(c)) {
    body.properties.passwordConfirm = { type: 'string', writeOnly: true, description: 'Must equal `password` whenever it is sent.' };
    if (mode === 'create') body.required.push('passwordConfirm');
    else body.properties.oldPassword = { type: 'string', writeOnly: true, description: 'The current password (not needed by superusers or managers).' };
  }
  return body;
}

/** What a multipart body adds to the JSON one: the file fields as uploads (file names are strings either way). */
function uploadParts(ctx: DocContext, c: Collection, mode: 'create' | 'update'): Body {
  const body: Body = { properties: {}, required: [] };
  for (const f of c.fields) {
    const s = fieldSchemas(f);
    if (!s.form || !writable(ctx, c, f)) continue;
    body.properties[f.name] = s.form;
    if (mode === 'create' && s.requiredOnCreate) body.required.push(f.name);
    if (mode === 'update') Object.assign(body.properties, s.formModifiers);
  }
  body.properties['@jsonPayload'] = { type: 'string', description: 'Other fields as one JSON object (as the PocketBase SDK sends them).' };
  return body;
}

export const hasUploads = (c: Collection): boolean => c.fields.some((f) => !!fieldSchemas(f).form);

/** Every component schema of the collection, by component name. */
export function collectionSchemas(ctx: DocContext, c: Collection): Record<string, JsonSchema> {
  const name = (kind: CollectionSchemaKind) => ctx.names.of(c, kind);
  const schemas: Record<string, JsonSchema> = {
    [name('record')]: recordSchema(ctx, c),
    [name('List')]: { ...listEnvelope(schemaRef(name('record'))), description: `A page of ${c.name} records.` },
  };
  if (c.type === 'view') return schemas;
  schemas[name('Create')] = objectOf(inputBody(ctx, c, 'create'), `A new ${c.name} record (JSON).`);
  schemas[name('Update')] = objectOf(inputBody(ctx, c, 'update'), `Changes to a ${c.name} record (JSON); absent fields stay as they are.`);
  if (hasUploads(c)) {
    for (const mode of ['create', 'update'] as const) {
      const json = name(mode === 'create' ? 'Create' : 'Update');
      schemas[name(mode === 'create' ? 'CreateForm' : 'UpdateForm')] = {
        description: `The ${json} fields with file uploads (multipart/form-data).`,
        allOf: [schemaRef(json), objectOf(uploadParts(ctx, c, mode), 'The file parts.')],
      };
    }
  }
  return schemas;
}
