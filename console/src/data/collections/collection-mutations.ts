import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CollectionInput } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';
import { collectionKeys } from './collection-keys.js';

export function useSaveCollection() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, data }: { id?: string; data: CollectionInput }) =>
      id ? client.collections.update(id, data) : client.collections.create(data),
    onSuccess: () => qc.invalidateQueries({ queryKey: collectionKeys.all }),
  });
}

export function useDeleteCollection() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.collections.delete(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: collectionKeys.all }),
  });
}

export function useImportCollections() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ collections, deleteMissing }: { collections: CollectionInput[]; deleteMissing: boolean }) =>
      client.collections.import(collections, deleteMissing),
    onSuccess: () => qc.invalidateQueries({ queryKey: collectionKeys.all }),
  });
}
