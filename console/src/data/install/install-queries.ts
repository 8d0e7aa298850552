/** First run: `GET/POST /api/install` (Plinth's own endpoint; the SDK has no service for it, so its transport is used). */
import { useMutation, useQuery } from '@tanstack/react-query';
import { useClient } from '../../app/client-context.js';

export function useInstallState() {
  const client = useClient();
  return useQuery({
    queryKey: ['install'],
    queryFn: ({ signal }) => client.transport.send<{ installed: boolean }>('/api/install', { signal }),
  });
}

export function useInstall() {
  const client = useClient();
  return useMutation({
    mutationFn: async (input: { token: string; email: string; password: string }) => {
      await client.transport.send('/api/install', { method: 'POST', body: input });
      await client.collection('_superusers').authWithPassword(input.email, input.password);
    },
  });
}
