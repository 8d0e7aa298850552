/** Webhooks (`_webhooks` records) and their delivery log. */
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../app/client-context.js';

export const webhookKeys = {
  all: ['webhooks'] as const,
  deliveries: (webhook: string) => ['webhooks', 'deliveries', webhook] as const,
};

export function useWebhooks() {
  const client = useClient();
  return useQuery({
    queryKey: webhookKeys.all,
    queryFn: ({ signal }) => client.webhooks.hooks.getFull({ sort: 'name', signal }),
  });
}

/** The latest deliveries of one webhook (polled: retries land in the background). */
export function useDeliveries(webhook: string) {
  const client = useClient();
  return useQuery({
    queryKey: webhookKeys.deliveries(webhook),
    enabled: !!webhook,
    refetchInterval: 5_000,
    queryFn: ({ signal }) =>
      client.webhooks.deliveries.list({ perPage: 50, sort: '-created', filter: client.filter('webhook = {:w}', { w: webhook }), signal }),
  });
}
