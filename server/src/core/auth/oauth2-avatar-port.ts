/**
 * Fetching a remote file for the domain (the OAuth2 provider's avatar on sign-up). The implementation
 * (net/remote-file-fetch.ts) guards against SSRF and sniffs the content type; core only states the limits.
 */
import type { FileUpload } from '../../files/port.js';

export interface RemoteFileFetcher {
  fetchFile(url: string, opts: { key: string; maxBytes: number; trustedOrigins: readonly string[] }): Promise<FileUpload>;
}
