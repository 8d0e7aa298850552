/**
 * Plain-text excerpt of an HTML (or plain) string, as PocketBase's `:excerpt` modifier: text of non-excluded
 * elements, block elements separated by one space, whitespace collapsed, cut to `max` characters.
 */
const EXCLUDED = ['head', 'style', 'script', 'iframe', 'embed', 'applet', 'object', 'svg', 'img', 'picture', 'dialog', 'template', 'button', 'form', 'textarea', 'input', 'select', 'option'];
const INLINE = new Set(['a', 'abbr', 'acronym', 'b', 'bdo', 'big', 'br', 'button', 'cite', 'code', 'em', 'i', 'label', 'q', 'small', 'span', 'strong', 'strike', 'sub', 'sup', 'time']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

function stripExcluded(html: string): string {
  let out = html.replace(/<!--[\s\S]*?-->/g, '');
  for (const tag of EXCLUDED) {
    if (VOID.has(tag)) out = out.replace(new RegExp(`<${tag}\\b[^>]*>`, 'gi'), '');
    else out = out.replace(new RegExp(`<${tag}\\b[^>]*>[\\s\\S]*?(</${tag}\\s*>|$)`, 'gi'), '');
  }
  return out;
}

export function htmlExcerpt(html: string, max: number, withEllipsis: boolean): string {
  const text = stripExcluded(html)
    .replace(/<\/?([a-z][\w-]*)\b[^>]*>/gi, (_tag, name: string) => (INLINE.has(name.toLowerCase()) ? '' : ' '))
    .replace(/<[^>]*>/g, '');
  const plain = decodeEntities(text).replace(/\s+/g, ' ').trim();
  const chars = [...plain];
  if (chars.length <= max) return plain;
  const cut = chars.slice(0, max).join('').trim();
  return withEllipsis ? cut + '...' : cut;
}
