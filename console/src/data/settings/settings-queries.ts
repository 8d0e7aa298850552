import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Settings } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';

const settingsKey = ['settings'] as const;

export function useSettings() {
  const client = useClient();
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => client.settings.get({ signal }) });
}

export function useUpdateSettings() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Settings) => client.settings.update(patch),
    onSuccess: (data) => qc.setQueryData(settingsKey, data),
  });
}

export function useTestEmail() {
  const client = useClient();
  return useMutation({ mutationFn: (email: string) => client.settings.testEmail(email, 'verification') });
}

/** Writes and deletes a probe object with the *saved* S3 settings of a filesystem. */
export function useTestS3() {
  const client = useClient();
  return useMutation({ mutationFn: (filesystem: 'storage' | 'backups' = 'storage') => client.settings.testS3(filesystem) });
}
