/**
 * Picks and opens the storage adapter for the configured database. The embedded and MongoDB drivers are
 * imported only when configured: a server never carries the code (and memory) of drivers it does not use.
 */
import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import type { StorageAdapter } from './port.js';
import { openPostgres } from './sql/sql-connection.js';
import { SqlStorage } from './sql/sql-storage.js';

export async function createStorage(database: Config['database'], logger: Logger): Promise<StorageAdapter> {
  switch (database.kind) {
    case 'pglite': {
      const { openPglite } = await import('./sql/sql-pglite.js');
      const storage = new SqlStorage(await openPglite(database.dir, logger), logger);
      logger.info('storage opened', { dialect: storage.dialect, dir: database.dir ?? '(in memory)' });
      return storage;
    }
    case 'postgres': {
      const storage = new SqlStorage(await openPostgres(database.url, logger, { preparedStatements: database.preparedStatements !== false }), logger);
      logger.info('storage opened', { dialect: storage.dialect, preparedStatements: database.preparedStatements !== false });
      return storage;
    }
    case 'mongodb': {
      const { createMongoStorage } = await import('./mongo/mongo-storage.js');
      return createMongoStorage(database.url, logger);
    }
  }
}
