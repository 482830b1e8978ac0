import { FormatError } from '../errors.js';

/** One element found by {@link scanXmlElements}. */
export interface XmlElementInfo {
  name: string;
  attributes: Record<string, string>;
  /** Character data directly up to the next tag (raw, still escaped). */
  text: string;
}

const TAG = /<(\/?)([A-Za-z_][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
const ATTR = /([\w:.-]+)="([^"<]*)"/g;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/**
 * A small well-formedness check for machine-written XML such as our SVGs (no comments, CDATA or DOCTYPE): every
 * tag is matched and properly nested, attributes are quoted, `<` never appears in text and every `&` starts an
 * entity. Returns the elements in document order; throws a FormatError naming the offset at fault. Used by the
 * tests of the SVG writers (not exported).
 */
export function scanXmlElements(xml: string): XmlElementInfo[] {
  let i = 0;
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new FormatError('ERR_CONFORMANCE', 'XML: unterminated declaration at offset 0');
    i = end + 2;
  }
  const stack: string[] = [];
  const elements: XmlElementInfo[] = [];
  let current: XmlElementInfo | undefined;
  let roots = 0;
  while (i < xml.length) {
    const ch = xml[i];
    if (ch === '<') {
      TAG.lastIndex = i;
      const m = TAG.exec(xml);
      if (!m) throw new FormatError('ERR_CONFORMANCE', `XML: malformed tag at offset ${i}`);
      const [whole, closing, name = '', attrs = '', selfClosing] = m;
      if (closing) {
        const open = stack.pop();
        if (open !== name) {
          throw new FormatError(
            'ERR_CONFORMANCE',
            `XML: </${name}> at offset ${i} closes ${open === undefined ? 'nothing' : `<${open}>`}`,
          );
        }
        current = undefined;
      } else {
        if (stack.length === 0) roots++;
        const attributes: Record<string, string> = {};
        for (const a of attrs.matchAll(ATTR)) attributes[a[1] ?? ''] = a[2] ?? '';
        current = { name, attributes, text: '' };
        elements.push(current);
        if (!selfClosing) stack.push(name);
      }
      i += whole.length;
      continue;
    }
    if (ch === '&' && !ENTITY.test(xml.slice(i, i + 12))) {
      throw new FormatError('ERR_CONFORMANCE', `XML: bare '&' at offset ${i}`);
    }
    if (stack.length === 0 && ch !== undefined && !/\s/.test(ch)) {
      throw new FormatError('ERR_CONFORMANCE', `XML: text outside the root element at offset ${i}`);
    }
    if (current) current.text += ch;
    i++;
  }
  if (stack.length > 0) {
    throw new FormatError('ERR_CONFORMANCE', `XML: unclosed <${stack.join('>, <')}> at the end`);
  }
  if (roots !== 1) throw new FormatError('ERR_CONFORMANCE', `XML: expected one root element, found ${roots}`);
  return elements;
}
