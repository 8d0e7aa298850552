/** The logged-in superuser, from the SDK's auth store; login, logout and the session refresh. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { AuthRecord } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';

export const SUPERUSERS = '_superusers';

export function useSession(): { record: AuthRecord | null; isValid: boolean } {
  const client = useClient();
  const store = client.authStore;
  const subscribe = useCallback((cb: () => void) => store.onChange(() => cb()), [store]);
  // The snapshot must be stable between changes: the token string is.
  const token = useSyncExternalStore(subscribe, () => store.token);
  return { record: token ? store.record : null, isValid: store.isValid && store.isSuperuser };
}

export function useLogin() {
  const client = useClient();
  return useMutation({
    mutationFn: ({ email, password }: { email: string; password: string }) =>
      client.collection(SUPERUSERS).authWithPassword(email, password),
  });
}

export function useLogout() {
  const client = useClient();
  const qc = useQueryClient();
  return useCallback(() => {
    client.authStore.clear();
    qc.clear();
  }, [client, qc]);
}

/** Refreshes the token once on load (a revoked one logs out); the SDK refreshes it before expiry after that. */
export function useSessionRefresh(): void {
  const client = useClient();
  useEffect(() => {
    if (!client.authStore.isValid) return;
    client
      .collection(SUPERUSERS)
      .authRefresh()
      .catch((err: { status?: number }) => {
        if (err.status === 401 || err.status === 403 || err.status === 404) client.authStore.clear();
      });
  }, [client]);
}
