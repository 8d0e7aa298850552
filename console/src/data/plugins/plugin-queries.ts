/** Loaded plugins (what GET /api/plugins describes) and saving a plugin's settings section. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useClient } from '../../app/client-context.js';

export const pluginKeys = { all: ['plugins'] as const };

export function usePlugins() {
  const client = useClient();
  return useQuery({
    queryKey: pluginKeys.all,
    queryFn: ({ signal }) => client.plugins.list({ signal }),
  });
}

export function useSavePluginSettings(name: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: Record<string, unknown>) => client.plugins.updateSettings(name, patch),
    onSuccess: () => qc.invalidateQueries({ queryKey: pluginKeys.all }),
  });
}
