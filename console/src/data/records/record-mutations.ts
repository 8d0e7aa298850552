import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isPlinthError } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';
import { recordKeys } from './record-keys.js';

export function useSaveRecord(collection: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, data }: { id?: string; data: Record<string, unknown> }) =>
      id ? client.collection(collection).update(id, data) : client.collection(collection).create(data),
    onSuccess: () => qc.invalidateQueries({ queryKey: recordKeys.collection(collection) }),
  });
}

/** Deletes one or many records: in one transaction through the batch API, one by one when batch is disabled. */
export function useDeleteRecords(collection: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (ids: string[]) => {
      if (ids.length === 1) return void (await client.collection(collection).delete(ids[0]!));
      const batch = client.batch();
      for (const id of ids) batch.collection(collection).delete(id);
      try {
        await batch.send();
      } catch (err) {
        // Batch is off by default (settings.batch.enabled); then each delete is its own request.
        if (!(isPlinthError(err) && err.status === 403)) throw err;
        for (const id of ids) await client.collection(collection).delete(id);
      }
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: recordKeys.collection(collection) }),
  });
}

/** A superuser's token for an auth record (`POST /api/collections/{c}/impersonate/{id}`), valid `duration` seconds. */
export function useImpersonate(collection: string) {
  const client = useClient();
  return useMutation({
    mutationFn: async ({ id, duration }: { id: string; duration: number }) => (await client.collection(collection).impersonate(id, duration)).token,
  });
}
