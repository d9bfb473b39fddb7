// The XML checker the exporter tests rely on must itself reject what real parsers reject.
import { describe, expect, it } from 'vitest';
import { allElements, deepText, parseXml } from './strict-xml';

describe('parseXml', () => {
  it('reads a well-formed document with declaration, comments, references and nested elements', () => {
    const root = parseXml(`<?xml version="1.0"?>\n<!-- c --><a x="1 &amp; 2" y='&#10;&#x41;'><b>t &lt;&gt; &quot;&apos;</b><c/><![CDATA[<raw>]]></a>\n`);
    expect(root.name).toBe('a');
    expect(root.attributes).toEqual({ x: '1 & 2', y: '\nA' });
    expect(root.children.map((child) => child.name)).toEqual(['b', 'c']);
    expect(deepText(root)).toBe('<raw>t <> "\'');
    expect(allElements(root)).toHaveLength(3);
  });

  it('normalises literal line breaks in attribute values to spaces, as XML parsers do', () => {
    expect(parseXml('<a v="x\ny"/>').attributes.v).toBe('x y');
  });

  it.each([
    ['an unescaped ampersand in text', '<a>Tom & Jerry</a>'],
    ['an unescaped ampersand in an attribute', '<a v="Tom & Jerry"/>'],
    ['"<" in an attribute', '<a v="<b>"/>'],
    ['"<" starting no tag in text', '<a>1 < 2</a>'],
    ['an unknown entity', '<a>&nbsp;</a>'],
    ['mismatched tags', '<a><b></a></b>'],
    ['an unclosed element', '<a><b></b>'],
    ['a duplicate attribute', '<a v="1" v="2"/>'],
    ['two root elements', '<a/><b/>'],
    ['text outside the root', '<a/>text'],
    ['a control character', '<a>\u0001</a>'],
    ['a reference to a control character', '<a>&#1;</a>'],
    ['an unquoted attribute', '<a v=1/>'],
    ['attributes without white space between them', '<a x="1"y="2"/>'],
    ['a DOCTYPE', '<!DOCTYPE a><a/>'],
    ['"--" in a comment', '<a><!-- a -- b --></a>'],
    ['a lone surrogate', '<a>\uD800</a>'],
  ])('rejects %s', (_name, xml) => {
    expect(() => parseXml(xml)).toThrow(/Not well-formed XML/);
  });
});
