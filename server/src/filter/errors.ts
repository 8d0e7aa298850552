/**
 * The one error type of the filter language. Messages are written for clients (they end up in the API
 * error envelope); 403 is reserved for "Only superusers can filter by …" refusals, everything else is 400.
 */
export class FilterError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 403 = 400,
  ) {
    super(message);
    this.name = 'FilterError';
  }
}
