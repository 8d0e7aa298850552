import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig: PLINTH_PG_PREPARED_STATEMENTS', () => {
  const pg = { DATABASE_URL: 'postgres://u@127.0.0.1:5432/db' };

  it('prepares statements on PostgreSQL unless turned off', () => {
    expect(loadConfig(pg).database).toEqual({ kind: 'postgres', url: pg.DATABASE_URL, preparedStatements: true });
    expect(loadConfig({ ...pg, PLINTH_PG_PREPARED_STATEMENTS: 'false' }).database).toMatchObject({ preparedStatements: false });
    expect(loadConfig({ ...pg, PLINTH_PG_PREPARED_STATEMENTS: '0' }).database).toMatchObject({ preparedStatements: false });
    expect(loadConfig({ ...pg, PLINTH_PG_PREPARED_STATEMENTS: 'TRUE' }).database).toMatchObject({ preparedStatements: true });
  });

  it('refuses anything but true or false, naming the variable', () => {
    expect(() => loadConfig({ ...pg, PLINTH_PG_PREPARED_STATEMENTS: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...pg, PLINTH_PG_PREPARED_STATEMENTS: 'sometimes' })).toThrow(/PLINTH_PG_PREPARED_STATEMENTS must be true or false/);
  });
});
