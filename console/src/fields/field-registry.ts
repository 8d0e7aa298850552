/** Field types by name. Unknown types (from a newer server or a plugin) fall back to a raw JSON editor. */
import { createContext, useContext } from 'react';
import type { FieldType } from './field-type.js';

export interface FieldRegistry {
  register(type: FieldType): void;
  get(type: string): FieldType;
  has(type: string): boolean;
  /** Types a user can add in the field editor, in registration order. */
  list(): FieldType[];
}

export function createFieldRegistry(fallback: FieldType, types: FieldType[] = []): FieldRegistry {
  const byName = new Map<string, FieldType>();
  const registry: FieldRegistry = {
    register(type) {
      byName.set(type.type, type);
    },
    get: (type) => byName.get(type) ?? { ...fallback, type, label: type },
    has: (type) => byName.has(type),
    list: () => [...byName.values()],
  };
  types.forEach(registry.register);
  return registry;
}

export const FieldRegistryContext = createContext<FieldRegistry | null>(null);

export function useFieldRegistry(): FieldRegistry {
  const registry = useContext(FieldRegistryContext);
  if (!registry) throw new Error('useFieldRegistry() outside <FieldRegistryContext>');
  return registry;
}
