// The PDF writer: a file PDF readers accept (header, objects at the offsets the cross-reference table gives, a
// trailer), the diagram's words as text in the standard fonts, WinAnsi escaping, and the page plan that keeps a
// card's name readable: one page up to 14,400 pt a side, pages past that.
import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIDE, MIN_SCALE, pdfPagePlan, toPdf } from '@/components/org-graph/export';
import { pdfString } from '@/components/org-graph/export/to-pdf';
import { sampleDiagram } from './sample-diagram';

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('toPdf', () => {
  it('writes a PDF whose cross-reference table points at every object', async () => {
    const text = latin1(await toPdf(sampleDiagram(), { compress: false }));
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.trimEnd().endsWith('%%EOF')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF/.exec(text)![1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const [, count] = /xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((match) => Number(match[1]));
    expect(offsets).toHaveLength(Number(count) - 1);
    offsets.forEach((offset, index) => expect(text.slice(offset, offset + `${index + 1} 0 obj`.length)).toBe(`${index + 1} 0 obj`));
    expect(text).toContain('/BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding');
    // One page, as big as the sheet at 1 pt a unit.
    expect(text).toMatch(/\/Type \/Pages \/Kids \[\d+ 0 R\] \/Count 1/);
  });

  it('draws the names, the title and the legend as text', async () => {
    const text = latin1(await toPdf(sampleDiagram(), { compress: false }));
    expect(text).toContain('(Workload prod) Tj');
    expect(text).toContain('(333333333333) Tj');
    expect(text).toContain('(Design "A" & <B>) Tj');
    expect(text).toContain('(Explicit deny) Tj');
  });

  it('compresses the drawing with Flate and stays a readable file', async () => {
    const compressed = await toPdf(sampleDiagram(), { compress: true });
    const plain = await toPdf(sampleDiagram(), { compress: false });
    expect(latin1(compressed)).toContain('/Filter /FlateDecode');
    expect(compressed.length).toBeLessThan(plain.length);
  });

  it('escapes PDF string syntax and maps characters to WinAnsi, "?" for what the standard fonts lack', () => {
    expect(pdfString('a (b) \\ c')).toBe('a \\(b\\) \\\\ c');
    expect(pdfString('Zürich…')).toBe('Z\\374rich\\205');
    expect(pdfString('🚀 東京')).toBe('? ??');
  });
});

describe('pdfPagePlan', () => {
  it('keeps a sheet that fits on one page at 1 pt a unit', () => {
    expect(pdfPagePlan(6100, 3400)).toEqual({ scale: 1, columns: 1, rows: 1, pageWidth: 6100, pageHeight: 3400 });
  });

  it('shrinks a larger sheet onto one page down to the readable minimum scale', () => {
    const plan = pdfPagePlan(20_000, 16_000);
    expect(plan.scale).toBeCloseTo(MAX_PAGE_SIDE / 20_000, 6);
    expect([plan.columns, plan.rows]).toEqual([1, 1]);
  });

  it('splits a sheet that would need less than the minimum scale over pages no bigger than PDF allows', () => {
    const plan = pdfPagePlan(60_000, 20_000);
    expect(plan.scale).toBe(MIN_SCALE);
    expect(plan.columns).toBe(3);
    expect(plan.rows).toBe(1);
    expect(plan.pageWidth).toBeLessThanOrEqual(MAX_PAGE_SIDE);
    expect(plan.pageWidth * plan.columns).toBeCloseTo(60_000 * MIN_SCALE, 6);
  });
});
