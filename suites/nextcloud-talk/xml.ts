// A deliberately small XML reader for OCS answers: elements, text and self-closing tags; the
// declaration, comments and attributes are skipped. Enough to see the envelope's structure
// without a dependency; anything it cannot read gives undefined.

export interface XmlNode {
  name: string;
  children: XmlNode[];
  text: string;
}

const TOKEN = /<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<\/([A-Za-z_][\w.-]*)\s*>|<([A-Za-z_][\w.-]*)((?:\s+[^>]*?)?)(\/?)>|([^<]+)/g;

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

export function parseXml(source: string): XmlNode | undefined {
  const root: XmlNode = { name: '#document', children: [], text: '' };
  const stack: XmlNode[] = [root];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = TOKEN.exec(source))) {
    if (m.index !== consumed) return undefined; // something the tokenizer does not know
    consumed = TOKEN.lastIndex;
    const [, close, open, , selfClosing, text] = m;
    const top = stack[stack.length - 1]!;
    if (close) {
      if (top.name !== close || stack.length === 1) return undefined;
      stack.pop();
    } else if (open) {
      const node: XmlNode = { name: open, children: [], text: '' };
      top.children.push(node);
      if (!selfClosing) stack.push(node);
    } else if (text !== undefined) {
      top.text += unescape(text);
    }
  }
  if (consumed !== source.length || stack.length !== 1) return undefined;
  return root.children.length === 1 ? root.children[0] : undefined;
}

export const childrenNamed = (node: XmlNode, name: string): XmlNode[] => node.children.filter((c) => c.name === name);

export const textOf = (node: XmlNode): string => node.text.trim();
