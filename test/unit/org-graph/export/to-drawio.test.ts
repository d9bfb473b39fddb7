import { describe, expect, it } from 'vitest';
import { AWS_MANAGEMENT_GOVERNANCE, AWS_SHAPES, cellLabel, toDrawio } from '@/components/org-graph/export/to-drawio';
import { HOSTILE_NAMES, sampleDiagram } from './sample-diagram';
import { allElements, parseXml, type XmlElement } from './strict-xml';

/** The children of mxGraphModel > root: structural cells, vertices (<object> around an mxCell) and edge cells. */
function cells(xml: string): XmlElement[] {
  const root = parseXml(xml);
  expect(root.name).toBe('mxfile');
  const [diagram] = root.children;
  expect(diagram.name).toBe('diagram');
  const [model] = diagram.children;
  expect(model.name).toBe('mxGraphModel');
  const [cellRoot] = model.children;
  expect(cellRoot.name).toBe('root');
  expect(cellRoot.children.every((child) => child.name === 'mxCell' || child.name === 'object')).toBe(true);
  return cellRoot.children;
}

/** Each vertex: its object's attributes (id, label, shape data) and its cell. */
function vertices(xml: string): { data: Record<string, string>; cell: XmlElement }[] {
  return cells(xml)
    .filter((child) => child.name === 'object')
    .map((object) => {
      expect(object.children).toHaveLength(1);
      const [cell] = object.children;
      expect(cell.attributes.vertex).toBe('1');
      return { data: object.attributes, cell };
    });
}

describe('toDrawio', () => {
  it('is uncompressed well-formed XML: mxfile > diagram > mxGraphModel > root, with cells 0 and 1 first', () => {
    const xml = toDrawio(sampleDiagram());
    const all = cells(xml);
    expect(all[0].attributes).toEqual({ id: '0' });
    expect(all[1].attributes).toEqual({ id: '1', parent: '0' });
    expect(parseXml(xml).attributes.compressed).toBe('false');
  });

  it('has exactly one vertex per node and one edge cell per edge, with resolvable ends', () => {
    const model = sampleDiagram();
    const xml = toDrawio(model);
    const shapes = vertices(xml);
    const edges = cells(xml).filter((cell) => cell.attributes.edge === '1');
    expect(shapes).toHaveLength(model.nodes.length);
    expect(edges).toHaveLength(model.edges.length);
    const ids = [...shapes.map((shape) => shape.data.id), ...edges.map((edge) => edge.attributes.id)];
    expect(new Set(ids).size).toBe(ids.length);
    const vertexIds = new Set(shapes.map((shape) => shape.data.id));
    for (const edge of edges) {
      expect(edge.attributes.parent).toBe('1');
      expect(vertexIds.has(edge.attributes.source)).toBe(true);
      expect(vertexIds.has(edge.attributes.target)).toBe(true);
      expect(edge.attributes.style).toContain('edgeStyle=orthogonalEdgeStyle');
      expect(edge.children[0].attributes).toEqual({ relative: '1', as: 'geometry' });
    }
    // The hierarchy survives: the OU's vertex is the parent of both workload accounts' vertices.
    const byLabel = (prefix: string) => shapes.find((shape) => shape.data.label.startsWith(prefix))!.data.id;
    const ouCell = byLabel(HOSTILE_NAMES.ou);
    expect(edges.filter((edge) => edge.attributes.source === ouCell).map((edge) => edge.attributes.target).sort())
      .toEqual([byLabel(HOSTILE_NAMES.account), byLabel('Workload prod')].sort());
  });

  it('draws each kind with the AWS Organizations shape diagrams.net ships, the icon at the left of the card', () => {
    const model = sampleDiagram();
    const shapes = vertices(toDrawio(model));
    const styleOf = (index: number) => shapes[index].cell.attributes.style;
    expect(styleOf(0)).toContain(AWS_SHAPES.root);
    expect(styleOf(1)).toContain(AWS_SHAPES.ou);
    expect(styleOf(2)).toContain(AWS_SHAPES.account);
    expect(styleOf(4)).toContain(AWS_SHAPES.management);
    // Without an effective colour, the Management & Governance colour of AWS's icons.
    expect(vertices(toDrawio({ ...model, nodes: model.nodes.map(({ status: _status, ...node }) => node) }))[1].cell.attributes.style).toContain(`fillColor=${AWS_MANAGEMENT_GOVERNANCE}`);
    model.nodes.forEach((node, i) => {
      const geometry = shapes[i].cell.children[0];
      expect(geometry.attributes.as).toBe('geometry');
      // The drawing is shifted so its top-left node sits 40 units inside the page; the 48-unit icon is centred on the card's height.
      expect(Number(geometry.attributes.x)).toBe(node.x + 40);
      expect(Number(geometry.attributes.y)).toBe(node.y + 40 + (node.height - 48) / 2);
      expect([geometry.attributes.width, geometry.attributes.height]).toEqual(['48', '48']);
      expect(shapes[i].cell.attributes.style).toContain('labelPosition=right');
    });
  });

  it('keeps every label exactly (escaped in the file, plain text in the label) and the shape data', () => {
    const model = sampleDiagram();
    model.nodes[1].policies = ['FullAWSAccess', 'Deny <leave> & "quit"'];
    const xml = toDrawio(model);
    const shapes = vertices(xml);
    model.nodes.forEach((node, i) => {
      expect(shapes[i].data.label).toBe(cellLabel(node).replace(/\u0001/g, '\uFFFD'));
      expect(shapes[i].data.label.split('\n')[0]).toBe(node.label.replace(/\u0001/g, '\uFFFD'));
      expect(shapes[i].data.aws_id).toBe(node.sublabel);
      expect(shapes[i].cell.attributes.parent).toBe('1');
      expect(shapes[i].cell.attributes.style).toContain('html=0');
    });
    expect(shapes[1].data.policies).toBe('FullAWSAccess, Deny <leave> & "quit"');
    expect(shapes[0].data.policies).toBeUndefined();
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;');
  });

  it('spells out statuses and colours the icons by status', () => {
    const shapes = vertices(toDrawio(sampleDiagram()));
    const denied = shapes.find((shape) => shape.data.label.includes('Explicit deny'))!;
    expect(denied.data.effective).toBe('Explicit deny');
    expect(denied.cell.attributes.style).toContain('fillColor=#b42318');
    expect(denied.cell.attributes.style).toContain('labelBackgroundColor=#fdecea');
    expect(shapes.filter((shape) => /Allowed|Explicit deny|Depends on conditions/.test(shape.data.label))).toHaveLength(3);
  });

  it('writes an empty diagram with only the two structural cells', () => {
    expect(cells(toDrawio({ nodes: [], edges: [] })).map((cell) => cell.attributes.id)).toEqual(['0', '1']);
    expect(allElements(parseXml(toDrawio({ nodes: [], edges: [] }))).some((element) => element.attributes.vertex)).toBe(false);
  });
});
