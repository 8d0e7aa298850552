/** PocketBase's slog levels as the logs store them. */
export function levelName(level: number): string {
  if (level >= 8) return 'error';
  if (level >= 4) return 'warn';
  if (level >= 0) return 'info';
  return 'debug';
}

export const levelBadge = (level: number) => ({ error: 'badge-err', warn: 'badge-warn', info: 'badge-on', debug: 'badge-off' })[levelName(level)];
