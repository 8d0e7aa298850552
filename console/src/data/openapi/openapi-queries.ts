/** The server's live OpenAPI document (`GET /api/openapi.json`, superusers), through the SDK's transport. */
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../app/client-context.js';

export type OpenApiDocument = Record<string, unknown> & { openapi?: string; paths?: Record<string, unknown> };

export function useOpenApiDocument() {
  const client = useClient();
  return useQuery({
    queryKey: ['openapi'],
    queryFn: ({ signal }) => client.transport.send<OpenApiDocument>('/api/openapi.json', { signal }),
    // It changes with the collections; a minute is fresh enough for reading docs.
    staleTime: 60_000,
  });
}
