import { describe, expect, it } from 'vitest';
import { escapeMermaidLabel, toMermaid } from '@/components/org-graph/export/to-mermaid';
import { sampleDiagram } from './sample-diagram';

describe('toMermaid', () => {
  const model = sampleDiagram();
  const source = toMermaid(model);
  const lines = source.trimEnd().split('\n');

  it('is a top-down flowchart without subgraphs, titled through front matter', () => {
    expect(lines.slice(0, 4)).toEqual(['---', 'title: "Design \\"A\\" & <B>"', '---', 'flowchart TD']);
    expect(source).not.toMatch(/^\s*(subgraph|end)\b/m);
  });

  it('has one node line per node with generated ids and quoted, escaped labels', () => {
    const nodeLines = lines.filter((line) => /^ {2}n\d+\["/.test(line));
    expect(nodeLines).toHaveLength(model.nodes.length);
    nodeLines.forEach((line, i) => {
      const match = /^ {2}(n\d+)\["(.*)"\]$/.exec(line);
      expect(match, line).not.toBeNull();
      expect(match![1]).toBe(`n${i}`);
      // Nothing inside the label can close the quote, the bracket, start a comment or markup.
      expect(match![2]).not.toMatch(/["`\\%]|<(?!br\/>)|(?<!<br\/)>/);
      expect(match![2].startsWith(escapeMermaidLabel(model.nodes[i].label))).toBe(true);
    });
    expect(nodeLines[1]).toBe('  n1["Tom #amp; Jerry\'s #quot;prod#quot; #lt;OU#gt;<br/>OU · ou-ab12-11111111"]');
  });

  it('has one link per edge between the generated ids', () => {
    const links = lines.filter((line) => line.includes('-->'));
    expect(links).toEqual(['  n0 --> n1', '  n1 --> n2', '  n1 --> n3', '  n0 --> n4']);
  });

  it('declares a class per kind and per status present, and assigns them with class lines', () => {
    expect(lines.filter((line) => line.startsWith('  classDef ')).map((line) => line.split(' ')[3]))
      .toEqual(['root', 'ou', 'account', 'management', 'allowed', 'explicitDeny', 'conditional']);
    const classLines = lines.filter((line) => line.startsWith('  class '));
    expect(classLines).toEqual([
      '  class n0 root', '  class n1 ou', '  class n2,n3 account', '  class n4 management',
      '  class n2 explicitDeny', '  class n3 conditional', '  class n4 allowed',
    ]);
  });

  it('escapes every character that would break a label, and flattens line breaks', () => {
    expect(escapeMermaidLabel('a"b#c&d<e>f`g\\h%i')).toBe('a#quot;b#35;c#amp;d#lt;e#gt;f#96;g#92;h#37;i');
    expect(escapeMermaidLabel('one\ntwo\u0001three')).toBe('one two three');
    expect(toMermaid(sampleDiagram({ title: undefined }))).toMatch(/^flowchart TD\n/);
  });
});
