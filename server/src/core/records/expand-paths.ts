/**
 * Parses the `expand` query parameter: a comma list of dotted paths (`author,comments_via_post.user`) into a
 * tree of hops. Whitespace is ignored, paths deeper than 6 levels are cut there, and the legacy back-relation
 * form `<collection>(<field>)` is rewritten to `<collection>_via_<field>`.
 */
export const maxExpandDepth = 6;

export type ExpandTree = Map<string, ExpandTree>;

const legacyBackRelation = /^(\w+)\((\w+)\)$/;

export function parseExpand(text: string | undefined): ExpandTree {
  const tree: ExpandTree = new Map();
  if (!text) return tree;
  for (const path of text.replace(/\s+/g, '').split(',')) {
    const hops = path.split('.').filter(Boolean).slice(0, maxExpandDepth);
    let level = tree;
    for (const raw of hops) {
      const hop = raw.replace(legacyBackRelation, '$1_via_$2');
      let next = level.get(hop);
      if (!next) {
        next = new Map();
        level.set(hop, next);
      }
      level = next;
    }
  }
  return tree;
}

/** `<collection>_via_<field>` -> its two parts (the collection name may itself contain underscores). */
export function splitBackRelation(hop: string): { collection: string; field: string } | undefined {
  const at = hop.lastIndexOf('_via_');
  if (at <= 0) return undefined;
  const collection = hop.slice(0, at);
  const field = hop.slice(at + '_via_'.length);
  return field ? { collection, field } : undefined;
}
