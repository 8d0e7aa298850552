/** A real App over an embedded PGlite database for the collection use-case tests. */
import type { App } from '../../src/core/app.js';
import { createCollectionRegistry } from '../../src/core/collections/registry.js';
import type { TestBackend } from '../support/test-database.js';
import { startTestApp } from '../support/test-app.js';

export interface CollectionsFixture {
  app: App;
  /** A second App on the same storage, as another instance would have. */
  sibling(): App;
  close(): Promise<void>;
}

export async function collectionsFixture(backend: TestBackend = 'pglite'): Promise<CollectionsFixture> {
  const { app, close } = await startTestApp(backend);
  return {
    app,
    sibling: (): App => ({ ...app, collections: createCollectionRegistry() }),
    close,
  };
}
