import { silentLogger } from '../../core/logger.js';
import { createTestDatabase, testBackends } from '../../../test/support/test-database.js';
import { createStorage } from '../create-storage.js';
import { runConformanceSuite } from './conformance-suite.js';

for (const backend of testBackends) {
  runConformanceSuite(backend, async () => {
    const db = await createTestDatabase(backend);
    const storage = await createStorage(db.database, silentLogger);
    return {
      storage,
      async dispose() {
        await storage.close();
        await db.dispose();
      },
    };
  });
}
