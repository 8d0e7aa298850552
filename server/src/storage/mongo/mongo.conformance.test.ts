import { silentLogger } from '../../core/logger.js';
import { startFerretDb } from '../../../test/support/ferretdb.js';
import { runConformanceSuite } from '../conformance/conformance-suite.js';
import { createMongoStorage } from './mongo-storage.js';

runConformanceSuite('mongodb (FerretDB)', async () => {
  const server = await startFerretDb();
  const storage = await createMongoStorage(server.url, silentLogger);
  return {
    storage,
    async dispose() {
      await storage.close();
      await server.stop();
    },
  };
});
