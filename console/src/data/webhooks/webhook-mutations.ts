import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { WebhookInput } from '@plinth/sdk';
import { useClient } from '../../app/client-context.js';
import { webhookKeys } from './webhook-queries.js';

export function useSaveWebhook() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, data }: { id?: string; data: WebhookInput & { name: string; url: string } }) =>
      id ? client.webhooks.hooks.update(id, data) : client.webhooks.hooks.create(data),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useDeleteWebhook() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.webhooks.hooks.delete(id),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.all }),
  });
}

export function useTestWebhook() {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.webhooks.test(id),
    onSuccess: (_d, id) => qc.invalidateQueries({ queryKey: webhookKeys.deliveries(id) }),
  });
}

export function useReplayDelivery(webhook: string) {
  const client = useClient();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => client.webhooks.replay(deliveryId),
    onSuccess: () => qc.invalidateQueries({ queryKey: webhookKeys.deliveries(webhook) }),
  });
}

/** A new signing secret; the response is the only time it can be read. */
export function useRotateWebhookSecret() {
  const client = useClient();
  return useMutation({ mutationFn: (id: string) => client.webhooks.rotateSecret(id) });
}
