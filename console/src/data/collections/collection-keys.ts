export const collectionKeys = {
  all: ['collections'] as const,
  one: (idOrName: string) => ['collections', 'one', idOrName] as const,
};
