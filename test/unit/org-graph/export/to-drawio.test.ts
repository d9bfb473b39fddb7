import { describe, expect, it } from 'vitest';
import { cellLabel, toDrawio } from '@/components/org-graph/export/to-drawio';
import { HOSTILE_NAMES, sampleDiagram } from './sample-diagram';
import { allElements, parseXml, type XmlElement } from './strict-xml';

function cells(xml: string): XmlElement[] {
  const root = parseXml(xml);
  expect(root.name).toBe('mxfile');
  const [diagram] = root.children;
  expect(diagram.name).toBe('diagram');
  const [model] = diagram.children;
  expect(model.name).toBe('mxGraphModel');
  const [cellRoot] = model.children;
  expect(cellRoot.name).toBe('root');
  expect(cellRoot.children.every((child) => child.name === 'mxCell')).toBe(true);
  return cellRoot.children;
}

describe('toDrawio', () => {
  it('is uncompressed well-formed XML: mxfile > diagram > mxGraphModel > root, with cells 0 and 1 first', () => {
    const xml = toDrawio(sampleDiagram());
    const all = cells(xml);
    expect(all[0].attributes).toEqual({ id: '0' });
    expect(all[1].attributes).toEqual({ id: '1', parent: '0' });
    expect(parseXml(xml).attributes.compressed).toBe('false');
  });

  it('has exactly one vertex cell per node and one edge cell per edge, with resolvable ends', () => {
    const model = sampleDiagram();
    const all = cells(toDrawio(model));
    const ids = all.map((cell) => cell.attributes.id);
    expect(new Set(ids).size).toBe(ids.length);
    const vertices = all.filter((cell) => cell.attributes.vertex === '1');
    const edges = all.filter((cell) => cell.attributes.edge === '1');
    expect(vertices).toHaveLength(model.nodes.length);
    expect(edges).toHaveLength(model.edges.length);
    const vertexIds = new Set(vertices.map((cell) => cell.attributes.id));
    for (const edge of edges) {
      expect(edge.attributes.parent).toBe('1');
      expect(vertexIds.has(edge.attributes.source)).toBe(true);
      expect(vertexIds.has(edge.attributes.target)).toBe(true);
      expect(edge.attributes.style).toContain('edgeStyle=orthogonalEdgeStyle');
      expect(edge.children[0].attributes).toEqual({ relative: '1', as: 'geometry' });
    }
    // The hierarchy survives: the OU's cell is the parent of both workload accounts' cells.
    const byLabel = (prefix: string) => vertices.find((cell) => cell.attributes.value.startsWith(prefix))!.attributes.id;
    const ouCell = byLabel(HOSTILE_NAMES.ou);
    expect(edges.filter((edge) => edge.attributes.source === ouCell).map((edge) => edge.attributes.target).sort())
      .toEqual([byLabel(HOSTILE_NAMES.account), byLabel('Workload prod')].sort());
  });

  it('keeps every label exactly (escaped in the file, plain text in the cell) with its geometry', () => {
    const model = sampleDiagram();
    const xml = toDrawio(model);
    const vertices = cells(xml).filter((cell) => cell.attributes.vertex === '1');
    model.nodes.forEach((node, i) => {
      const cell = vertices[i];
      expect(cell.attributes.value).toBe(cellLabel(node).replace(/\u0001/g, '\uFFFD'));
      expect(cell.attributes.value.split('\n')[0]).toBe(node.label.replace(/\u0001/g, '\uFFFD'));
      expect(cell.attributes.parent).toBe('1');
      expect(cell.attributes.style).toContain('html=0');
      const geometry = cell.children[0];
      expect(geometry.name).toBe('mxGeometry');
      expect(geometry.attributes.as).toBe('geometry');
      // The drawing is shifted so its top-left node sits 40 units inside the page.
      expect(Number(geometry.attributes.x)).toBe(node.x + 40);
      expect(Number(geometry.attributes.y)).toBe(node.y + 40);
      expect(Number(geometry.attributes.width)).toBe(node.width);
      expect(Number(geometry.attributes.height)).toBe(node.height);
    });
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
  });

  it('spells out statuses and colours the cells by status', () => {
    const vertices = cells(toDrawio(sampleDiagram())).filter((cell) => cell.attributes.vertex === '1');
    const denied = vertices.find((cell) => cell.attributes.value.includes('Explicit deny'))!;
    expect(denied.attributes.style).toContain('strokeColor=#b42318');
    expect(denied.attributes.style).toContain('fillColor=#fdecea');
    expect(vertices.filter((cell) => /Allowed|Explicit deny|Depends on conditions/.test(cell.attributes.value))).toHaveLength(3);
  });

  it('writes an empty diagram with only the two structural cells', () => {
    expect(cells(toDrawio({ nodes: [], edges: [] })).map((cell) => cell.attributes.id)).toEqual(['0', '1']);
    expect(allElements(parseXml(toDrawio({ nodes: [], edges: [] }))).some((element) => element.attributes.vertex)).toBe(false);
  });
});
