/** Picks and opens the storage adapter for the configured database. */
import type { Config } from '../config/config.js';
import type { Logger } from '../core/logger.js';
import { createMongoStorage } from './mongo/mongo-storage.js';
import type { StorageAdapter } from './port.js';
import { openPglite, openPostgres } from './sql/sql-connection.js';
import { SqlStorage } from './sql/sql-storage.js';

export async function createStorage(database: Config['database'], logger: Logger): Promise<StorageAdapter> {
  switch (database.kind) {
    case 'pglite': {
      const storage = new SqlStorage(await openPglite(database.dir, logger), logger);
      logger.info('storage opened', { dialect: storage.dialect, dir: database.dir ?? '(in memory)' });
      return storage;
    }
    case 'postgres': {
      const storage = new SqlStorage(await openPostgres(database.url, logger), logger);
      logger.info('storage opened', { dialect: storage.dialect });
      return storage;
    }
    case 'mongodb':
      return createMongoStorage(database.url, logger);
  }
}
