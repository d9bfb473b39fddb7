import { describe, expect, it } from 'vitest';
import { DiagramModelError } from '@/components/org-graph/export/diagram-model';
import { toSvg } from '@/components/org-graph/export/to-svg';
import { HOSTILE_NAMES, sampleDiagram } from './sample-diagram';
import { allElements, deepText, parseXml, type XmlElement } from './strict-xml';

const XML_SAFE = (text: string) => text.replace(/\u0001/g, '\uFFFD');

/** The text shown on a card plus its tooltip (long names are cut on the card and kept whole in the <title>). */
function cardOf(root: XmlElement, nodeId: string): XmlElement {
  const card = allElements(root).find((element) => element.name === 'g' && element.attributes['data-node-id'] === nodeId);
  if (!card) throw new Error(`no card for ${nodeId}`);
  return card;
}

describe('toSvg', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`is well-formed XML with an SVG root, a viewBox and no active content (${theme})`, () => {
      const svg = toSvg(sampleDiagram(), { theme });
      const root = parseXml(svg);
      expect(root.name).toBe('svg');
      expect(root.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
      const names = new Set(allElements(root).map((element) => element.name.toLowerCase()));
      for (const forbidden of ['script', 'foreignobject', 'image', 'use', 'a', 'iframe', 'style']) expect(names.has(forbidden), forbidden).toBe(false);
      for (const element of allElements(root)) {
        for (const attribute of Object.keys(element.attributes)) {
          expect(attribute.toLowerCase().startsWith('on'), `${element.name} ${attribute}`).toBe(false);
          expect(attribute.toLowerCase()).not.toMatch(/href$/);
        }
      }
      expect(svg.toLowerCase()).not.toContain('<script');
      expect(svg).not.toMatch(/url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
    });
  }

  it('keeps every name as escaped text: the parsed document holds each name exactly', () => {
    const svg = toSvg(sampleDiagram());
    const root = parseXml(svg);
    for (const [nodeId, name] of [['r-ab12', HOSTILE_NAMES.root], ['ou-ab12-11111111', HOSTILE_NAMES.ou], ['acct-1', HOSTILE_NAMES.account], ['acct-m', HOSTILE_NAMES.management]]) {
      expect(deepText(cardOf(root, nodeId)), nodeId).toContain(XML_SAFE(name));
    }
    expect(svg).toContain('Tom &amp; Jerry&apos;s &quot;prod&quot; &lt;OU&gt;');
    expect(svg).not.toContain('<OU>');
    expect(deepText(root)).toContain('Design "A" & <B>');
  });

  it('draws short names in full on the card, as <text>, and cuts long ones with an ellipsis', () => {
    const root = parseXml(toSvg(sampleDiagram()));
    const texts = (nodeId: string) => cardOf(root, nodeId).children.filter((child) => child.name === 'text').map((child) => child.text);
    expect(texts('acct-2')).toContain('Workload prod');
    expect(texts('acct-2')).toContain('333333333333');
    expect(texts('acct-1').some((text) => text.endsWith('…') && HOSTILE_NAMES.account.startsWith(text.slice(0, -1)))).toBe(true);
  });

  it('computes the viewBox from the node bounds plus a margin, the title and the legend', () => {
    const root = parseXml(toSvg(sampleDiagram()));
    const [x, y, width, height] = root.attributes.viewBox.split(' ').map(Number);
    // Nodes span x 0..620 and y 0..368; margin 24, then the title (36) and the legend (32) above the cards.
    expect(x).toBe(-24);
    expect(y).toBe(-24 - 36 - 32);
    expect(width).toBe(620 + 48);
    expect(height).toBe(368 + 48 + 36 + 32);
    expect(root.attributes.width).toBe(String(width));
    const untitled = parseXml(toSvg(sampleDiagram({ title: undefined, nodes: sampleDiagram().nodes.map(({ status: _status, ...node }) => node) })));
    expect(untitled.attributes.viewBox).toBe('-24 -24 668 416');
  });

  it('colours cards by status and adds a legend with one row per status present', () => {
    const svg = toSvg(sampleDiagram());
    const root = parseXml(svg);
    const legend = allElements(root).find((element) => element.attributes['data-legend'] === 'true');
    expect(legend).toBeDefined();
    expect(legend!.children.filter((child) => child.name === 'text').map((child) => child.text)).toEqual(['Allowed', 'Explicit deny', 'Depends on conditions']);
    expect(cardOf(root, 'acct-1').attributes['data-status']).toBe('explicitDeny');
    const strokes = cardOf(root, 'acct-1').children.filter((child) => child.name === 'rect').map((child) => child.attributes.stroke);
    expect(strokes).toContain('#b42318');
    expect(cardOf(root, 'acct-2').children.some((child) => child.text === 'Depends on conditions')).toBe(true);
  });

  it('has no legend when no node has a status, and an explicit legend overrides the derived one', () => {
    const plain = sampleDiagram({ nodes: sampleDiagram().nodes.map(({ status: _status, ...node }) => node) });
    expect(toSvg(plain)).not.toContain('data-legend');
    const custom = parseXml(toSvg(sampleDiagram({ legend: [{ status: 'implicitDeny', label: 'No SCP allows <it>' }] })));
    const legend = allElements(custom).find((element) => element.attributes['data-legend'] === 'true')!;
    expect(deepText(legend)).toBe('No SCP allows <it>');
  });

  it('draws one orthogonal path per edge from the parent bottom to the child top', () => {
    const root = parseXml(toSvg(sampleDiagram()));
    const paths = allElements(root).filter((element) => element.name === 'path' && element.attributes.d.includes('V') && !element.attributes.d.includes('A'));
    expect(paths).toHaveLength(4);
    // Root (200,0 240×72) to the OU (100,140 220×72): from (320,72) down to the mid line, across, down to (210,140).
    expect(paths[0].attributes.d).toBe('M320 72V106H210V140');
  });

  it('renders an empty diagram and refuses an invalid one with a clear error', () => {
    expect(parseXml(toSvg({ nodes: [], edges: [] })).name).toBe('svg');
    expect(() => toSvg(sampleDiagram({ edges: [{ id: 'e', source: 'r-ab12', target: 'nowhere' }] }))).toThrow(DiagramModelError);
    expect(() => toSvg(sampleDiagram({ edges: [{ id: 'e', source: 'r-ab12', target: 'nowhere' }] }))).toThrow(/edge "e" refers to node "nowhere"/);
    const nodes = sampleDiagram().nodes;
    expect(() => toSvg(sampleDiagram({ nodes: [...nodes, nodes[0]] }))).toThrow(/two nodes have the id "r-ab12"/);
    expect(() => toSvg(sampleDiagram({ nodes: [{ ...nodes[0], x: Number.NaN }] , edges: [] }))).toThrow(/non-finite x/);
    expect(() => toSvg(sampleDiagram(), { theme: 'sepia' as never })).toThrow(/Unknown export theme "sepia"/);
  });

  it('places a share edge\'s label on its curve where it covers no card, so no card\'s name is hidden', () => {
    // acct-1 shares with acct-2 beside it: the curve's middle passes just right of the owner, over cards in its way.
    const model = sampleDiagram({
      nodes: [
        ...sampleDiagram().nodes,
        { id: 'ext-9', kind: 'external', label: 'Outside the organization', sublabel: '999988887777', x: 700, y: 0, width: 220, height: 72, badges: [] },
      ],
      edges: [
        ...sampleDiagram().edges,
        { id: 'share-1', source: 'acct-1', target: 'ext-9', kind: 'share', label: 'RAM partner-prefix-list · external · invitation pending', marks: ['external', 'pending'] },
        { id: 'share-2', source: 'acct-1', target: 'acct-2', kind: 'share', label: 'RAM shared-network' },
      ],
    });
    const root = parseXml(toSvg(model));
    const cards = model.nodes;
    const labels = allElements(root).filter((element) => element.name === 'text' && element.attributes.stroke === '#ffffff');
    expect(labels).toHaveLength(2);
    for (const label of labels) {
      const x = Number(label.attributes.x);
      const y = Number(label.attributes.y);
      const inside = cards.filter((card) => x > card.x && x < card.x + card.width && y - 8 > card.y && y - 8 < card.y + card.height);
      expect(inside.map((card) => card.id), deepText(label)).toEqual([]);
    }
    // The external account's header is short, so its account id is drawn in full.
    expect(deepText(cardOf(root, 'ext-9'))).toContain('999988887777');
  });
});
