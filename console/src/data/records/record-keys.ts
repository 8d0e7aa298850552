export interface RecordListParams {
  page: number;
  perPage: number;
  sort: string;
  filter: string;
}

export const recordKeys = {
  collection: (collection: string) => ['records', collection] as const,
  list: (collection: string, params: RecordListParams) => ['records', collection, 'list', params] as const,
  search: (collection: string, q: string) => ['records', collection, 'search', q] as const,
};
