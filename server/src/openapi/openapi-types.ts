/**
 * The slice of OpenAPI 3.1 this folder writes. Schemas are plain JSON Schema 2020-12 objects, kept loose on
 * purpose: the document is data for generators, and its shape is checked by the OpenAPI schema in the tests.
 */
export type JsonSchema = Record<string, unknown>;

/** Who the document is for: superusers see every collection, everyone else the ones their rules open. */
export type OpenApiAudience = 'superuser' | 'public';

export interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description?: string;
  schema: JsonSchema;
}

export type Ref = { $ref: string };

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  parameters?: (OpenApiParameter | Ref)[];
  requestBody?: { required?: boolean; content: Record<string, { schema: JsonSchema }> } | Ref;
  responses: Record<string, unknown>;
  security?: Record<string, string[]>[];
}

export type HttpMethod = 'get' | 'post' | 'patch' | 'delete' | 'put';
export type OpenApiPathItem = Partial<Record<HttpMethod, OpenApiOperation>> & { parameters?: OpenApiParameter[] };
export type OpenApiPaths = Record<string, OpenApiPathItem>;

export interface OpenApiComponents {
  schemas: Record<string, JsonSchema>;
  parameters: Record<string, OpenApiParameter>;
  responses: Record<string, unknown>;
  securitySchemes: Record<string, unknown>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  servers?: { url: string }[];
  tags: { name: string; description?: string }[];
  security: Record<string, string[]>[];
  paths: OpenApiPaths;
  components: OpenApiComponents;
}
