/**
 * OAuth2 sign-up: the provider's avatar is downloaded into the file field that `oauth2.mappedFields.avatarURL`
 * names (PocketBase does the same). Fetched before the sign-in's transaction (no network wait while it holds
 * locks) and only when the sign-in will most likely create a record. The download is guarded against SSRF by
 * the App's RemoteFileFetcher; only the provider's own origins, which Plinth already talks to, may be private
 * (a self-hosted OIDC server, the local mock in tests). Anything that goes wrong leaves the field empty:
 * an avatar never fails a sign-in.
 */
import type { FileUpload } from '../../files/port.js';
import type { RecordData } from '../../storage/port.js';
import type { App } from '../app.js';
import { fileMaxSize } from '../collections/field-types/file.js';
import { stringListOption } from '../collections/field-types/field-common.js';
import type { AuthOptions, Collection, Field } from '../collections/model.js';
import { findField } from '../records/record-fields.js';
import { findRecordByIdentity } from './auth-record-lookup.js';
import { EXTERNAL_AUTHS, findOwnedRows } from './auth-system-rows.js';
import type { ResolvedProvider, OAuth2User } from './oauth2-client.js';

/** The file field the avatar maps to, if any. */
export function avatarField(collection: Collection & AuthOptions): Field | undefined {
  const name = collection.oauth2?.mappedFields?.avatarURL;
  const field = name ? findField(collection, name) : undefined;
  return field?.type === 'file' ? field : undefined;
}

function providerOrigins(p: ResolvedProvider): string[] {
  const urls = [p.authURL, p.tokenURL, p.userInfoURL, p.oidc?.issuer ?? ''];
  return [...new Set(urls.flatMap((u) => (URL.canParse(u) ? [new URL(u).origin] : [])))];
}

const baseMime = (mime: string) => mime.split(';')[0].trim().toLowerCase();

/** The avatar as an upload for the mapped file field, or null (not mapped, not a sign-up, or not fetchable). */
export async function prefetchAvatar(
  app: App,
  collection: Collection & AuthOptions,
  provider: ResolvedProvider,
  user: OAuth2User,
  loggedIn: RecordData | null,
): Promise<FileUpload | null> {
  const field = avatarField(collection);
  if (!field || !user.avatarURL || !app.remoteFiles || loggedIn) return null;
  try {
    // A known identity or address signs in to its existing record: nothing to download.
    const [link] = await findOwnedRows(app, app.storage, EXTERNAL_AUTHS, { collectionId: collection.id }, { provider: provider.name, providerId: user.id });
    if (link) return null;
    if (user.email && (await findRecordByIdentity(app, app.storage, collection, 'email', user.email))) return null;

    const upload = await app.remoteFiles.fetchFile(user.avatarURL, { key: field.name, maxBytes: fileMaxSize(field), trustedOrigins: providerOrigins(provider) });
    const allowed = stringListOption(field, 'mimeTypes').map(baseMime);
    if (upload.data.length === 0 || (allowed.length > 0 && !allowed.includes(baseMime(upload.mimeType)))) {
      app.logger.info('oauth2 avatar ignored', { provider: provider.name, mimeType: upload.mimeType, size: upload.data.length });
      return null;
    }
    return { ...upload, filename: upload.filename || `avatar${upload.extension}` };
  } catch (err) {
    app.logger.info('oauth2 avatar not downloaded', { provider: provider.name, error: err instanceof Error ? err.message : String(err) });
    return null;
  }
}
