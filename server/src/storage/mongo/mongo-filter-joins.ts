/**
 * Join trees for the in-memory part of a filter: the rows each relation path reaches, keyed by the path's
 * structural identity (as the SQL adapter keys its joins) so that `?` comparisons walking the same chain see
 * the same joined row. Enumerating a tree yields every combination of joined rows, with SQL's join rules:
 * in 'any' mode every step is a LEFT JOIN (an empty step yields one missing row); in 'all' mode steps that
 * produce sets are inner joins (an empty set yields no combination, so 'all' passes vacuously).
 */
import type { Condition, Hop, PathOperand, PathRoot } from '../../filter/condition.js';
import { toItems } from '../../filter/resolve-values.js';
import type { Row, RowLoader } from './mongo-filter-loader.js';

export type JoinMode = 'any' | 'all';

/** The row (or list item, for `:each`) each chain key is bound to; null when a LEFT JOIN found nothing. */
export type Assignment = Map<string, unknown>;

export const BASE_KEY = 'base';

export interface JoinEnv {
  loader: RowLoader;
  /** Evaluates a hop guard with the hop's target row as its base. */
  passesGuard(guard: Condition, row: Row): Promise<boolean>;
}

interface JoinNode {
  key: string;
  parent?: string;
  producesSet: boolean;
  produce(parent: Row | undefined, env: JoinEnv): Promise<unknown[]>;
}

export function isListEach(op: PathOperand): boolean {
  return op.modifier === 'each' && op.field.storage === 'list';
}

export function isMultiPath(op: PathOperand): boolean {
  return op.multi || isListEach(op);
}

function rootKey(root: PathRoot): string {
  switch (root.kind) {
    case 'base':
      return BASE_KEY;
    case 'collection':
      return `collection:${root.collection.id}:${root.alias}`;
    case 'records':
      return `records:${root.collection.id}:${JSON.stringify(root.ids)}`;
  }
}

function hopKey(hop: Hop): string {
  return hop.kind === 'relation' ? `>${hop.field}` : `<${hop.source.id}.${hop.field}`;
}

async function guarded(rows: Row[], hop: Hop, env: JoinEnv): Promise<Row[]> {
  const guard = hop.guard;
  if (!guard) return rows;
  const passes = await Promise.all(rows.map((row) => env.passesGuard(guard, row)));
  return rows.filter((_, i) => passes[i]);
}

/** The rows one step reaches from `parent`. */
export async function hopRows(hop: Hop, parent: Row, env: JoinEnv): Promise<Row[]> {
  if (hop.kind === 'relation') {
    const ids = hop.multiple ? toItems(parent[hop.field]) : [parent[hop.field]];
    return guarded(await env.loader.rowsById(hop.target, ids), hop, env);
  }
  return guarded(await env.loader.referencing(hop.source, hop.field, parent.id), hop, env);
}

export async function rootRows(root: Exclude<PathRoot, { kind: 'base' }>, env: JoinEnv): Promise<Row[]> {
  return root.kind === 'collection' ? env.loader.all(root.collection) : env.loader.rowsById(root.collection, root.ids);
}

export class JoinTree {
  private readonly nodes: JoinNode[] = [];
  private readonly known = new Set<string>();

  constructor(readonly mode: JoinMode) {}

  isEmpty(): boolean {
    return this.nodes.length === 0;
  }

  private ensure(node: JoinNode): void {
    if (this.known.has(node.key)) return;
    this.known.add(node.key);
    this.nodes.push(node);
  }

  /** Adds the chain of a multi-valued path; returns the key its leaf value is read from. */
  register(op: PathOperand): string {
    const root = op.root;
    let key = rootKey(root);
    if (root.kind !== 'base') {
      this.ensure({ key, producesSet: true, produce: (_parent, env) => rootRows(root, env) });
    }
    for (const hop of op.hops) {
      const parent = key;
      key += hopKey(hop);
      this.ensure({
        key,
        parent,
        producesSet: hop.multiple,
        produce: (row, env) => (row ? hopRows(hop, row, env) : Promise.resolve([])),
      });
    }
    if (isListEach(op)) {
      const parent = key;
      key += `:each:${op.field.name}`;
      const field = op.field.name;
      this.ensure({ key, parent, producesSet: true, produce: async (row) => (row ? toItems(row[field]) : []) });
    }
    return key;
  }

  /**
   * Calls `visit` for every combination of joined rows until it returns true; returns whether it did.
   * `base` is bound to the row being filtered.
   */
  async some(base: Row, env: JoinEnv, visit: (assignment: Assignment) => Promise<boolean>): Promise<boolean> {
    const assignment: Assignment = new Map([[BASE_KEY, base]]);
    const walk = async (index: number): Promise<boolean> => {
      if (index === this.nodes.length) return visit(assignment);
      const node = this.nodes[index];
      const parent = node.parent === undefined ? undefined : (assignment.get(node.parent) as Row | null);
      let rows: unknown[] = parent === null ? [] : await node.produce(parent, env);
      if (rows.length === 0) {
        if (this.mode === 'all' && node.producesSet) return false;
        rows = [null];
      }
      for (const row of rows) {
        assignment.set(node.key, row);
        if (await walk(index + 1)) return true;
      }
      assignment.delete(node.key);
      return false;
    };
    return walk(0);
  }
}
