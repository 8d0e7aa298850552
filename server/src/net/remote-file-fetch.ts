/** The App's RemoteFileFetcher: a guarded download turned into an upload with a sniffed MIME type. */
import type { RemoteFileFetcher } from '../core/auth/oauth2-avatar-port.js';
import { toFileUpload } from '../files/mime-sniff.js';
import { downloadGuarded } from './guarded-download.js';

const TIMEOUT_MS = 10_000;

export function createRemoteFileFetcher(): RemoteFileFetcher {
  return {
    async fetchFile(url, opts) {
      const { data, filename } = await downloadGuarded(url, { maxBytes: opts.maxBytes, timeoutMs: TIMEOUT_MS, trustedOrigins: opts.trustedOrigins });
      return toFileUpload(opts.key, filename, data);
    },
  };
}
