/** `POST /api/settings/test/s3` (contract 9): writes and deletes a probe object with the saved S3 settings. */
import type Router from '@koa/router';
import type { App } from '../../core/app.js';
import { badRequest } from '../../core/errors.js';
import { randomString } from '../../core/ids.js';
import { readS3Config } from '../../files/file-storage-select.js';
import { createS3FileStorage } from '../../files/s3-file-storage.js';
import type { PlinthState } from '../http-state.js';
import { requireSuperuser } from '../route-guards.js';

export function registerS3SettingsRoutes(router: Router<PlinthState>, app: App): void {
  router.post('/api/settings/test/s3', requireSuperuser(), async (ctx) => {
    const filesystem = ctx.state.body.filesystem;
    if (filesystem !== 'storage' && filesystem !== 'backups') {
      throw badRequest('An error occurred while validating the submitted data.', {
        filesystem: { code: 'validation_in_invalid', message: 'Must be a valid value.' },
      });
    }
    const settings = app.settings.get();
    const section = filesystem === 'storage' ? settings.s3 : (settings.backups as { s3?: unknown } | undefined)?.s3;
    const config = readS3Config(section);
    if (!config?.enabled) throw badRequest('S3 storage filesystem is not enabled.');

    const storage = createS3FileStorage(config);
    const key = `pb_settings_test_${randomString(5)}.txt`;
    try {
      await storage.put(key, Buffer.from('test'), 'text/plain');
      await storage.delete(key);
    } catch (err) {
      throw badRequest(`Failed to initialize the S3 storage. Raw error: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      storage.destroy();
    }
    ctx.status = 204;
  });
}
