/**
 * Maps a request (method + path) to the collection action tags of contract 9, e.g.
 * `POST /api/collections/users/auth-with-password` → collection "users", tags [authWithPassword, auth].
 */
export interface RequestTarget {
  method: string;
  path: string;
  collection?: { name: string; id: string };
  tags: string[];
}

const AUTH_ACTIONS: Record<string, { method: string; tags: string[] }> = {
  'auth-methods': { method: 'GET', tags: ['listAuthMethods'] },
  'auth-refresh': { method: 'POST', tags: ['authRefresh'] },
  'auth-with-password': { method: 'POST', tags: ['authWithPassword', 'auth'] },
  'auth-with-oauth2': { method: 'POST', tags: ['authWithOAuth2', 'auth'] },
  'auth-with-otp': { method: 'POST', tags: ['authWithOTP', 'auth'] },
  'request-otp': { method: 'POST', tags: ['requestOTP'] },
  'request-password-reset': { method: 'POST', tags: ['requestPasswordReset'] },
  'confirm-password-reset': { method: 'POST', tags: ['confirmPasswordReset'] },
  'request-verification': { method: 'POST', tags: ['requestVerification'] },
  'confirm-verification': { method: 'POST', tags: ['confirmVerification'] },
  'request-email-change': { method: 'POST', tags: ['requestEmailChange'] },
  'confirm-email-change': { method: 'POST', tags: ['confirmEmailChange'] },
};

function recordTag(method: string, hasId: boolean): string | null {
  if (!hasId) return method === 'GET' ? 'list' : method === 'POST' || method === 'PUT' ? 'create' : null;
  return ({ GET: 'view', PATCH: 'update', DELETE: 'delete' } as Record<string, string>)[method] ?? null;
}

/** `resolve` turns a collection path segment (name or id) into the collection's name and id when it exists. */
export function requestTarget(
  method: string,
  path: string,
  resolve: (nameOrId: string) => { name: string; id: string } | undefined,
): RequestTarget {
  const upper = method.toUpperCase();
  const target: RequestTarget = { method: upper, path, tags: [] };
  const segments = path.split('/').slice(1).map((s) => safeDecode(s));
  let collectionSegment: string | undefined;
  if (segments[0] === 'api' && segments[1] === 'collections' && segments[2] && segments.length >= 4) {
    collectionSegment = segments[2];
    const action = segments[3];
    if (action === 'records' && segments.length <= 5) {
      const tag = recordTag(upper, segments.length === 5);
      if (tag) target.tags = [tag];
    } else if (segments.length === 4 && AUTH_ACTIONS[action]?.method === upper) {
      target.tags = AUTH_ACTIONS[action].tags;
    }
  } else if (segments[0] === 'api' && segments[1] === 'files' && segments.length === 5 && (upper === 'GET' || upper === 'HEAD')) {
    collectionSegment = segments[2];
    target.tags = ['file'];
  }
  if (collectionSegment !== undefined && target.tags.length) {
    target.collection = resolve(collectionSegment) ?? { name: collectionSegment, id: collectionSegment.toLowerCase() };
  }
  return target;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
