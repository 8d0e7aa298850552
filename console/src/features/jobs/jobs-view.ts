/** The Jobs page's URL state: the chosen queue, the state tab, the page, and the job open in the drawer. */
export const JOBS_VIEW = { queue: '', state: 'failed', page: 1, job: '' };
export const JOBS_PER_PAGE = 20;

/** `2024-05-10T12:00:00.123Z` → `2024-05-10 12:00:00Z`: compact, sortable, and unambiguous. */
export const shortTime = (iso: string | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');
