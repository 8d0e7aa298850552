/** Test helper: one page under a memory router at `url`, over a fake SDK client (see render-with-client). */
import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { fakeClient, wrapper, type SeenRequest } from './render-with-client.js';

export function renderRoute(path: string, element: ReactNode, url: string, handler: (req: SeenRequest) => { status?: number; body?: unknown } | undefined) {
  const { client, seen } = fakeClient(handler);
  const router = createMemoryRouter([{ path, element }], { initialEntries: [url] });
  const Wrapper = wrapper(client);
  render(
    <Wrapper>
      <RouterProvider router={router} />
    </Wrapper>,
  );
  return { seen, router };
}
