/** Collections (schema) reads: the console keeps the whole list cached, views pick from it. */
import { useQuery } from '@tanstack/react-query';
import type { CollectionModel } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';
import { collectionKeys } from './collection-keys.js';

export function useCollections() {
  const client = useClient();
  return useQuery({
    queryKey: collectionKeys.all,
    queryFn: ({ signal }) => client.collections.getFull({ signal }),
  });
}

/** One collection by name or id, from the cached list. */
export function useCollection(idOrName: string | undefined) {
  const list = useCollections();
  const collection: CollectionModel | undefined = list.data?.find((c) => c.name === idOrName || c.id === idOrName);
  return { ...list, collection };
}
