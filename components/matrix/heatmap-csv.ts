import type { HeatmapResult } from '@/server/schemas/impact';

/** The heatmap as CSV: one line per row, per service its allowed/denied/other counts (what the server computed). */
export function heatmapCsv(data: HeatmapResult): string {
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const header = ['id', 'name', 'kind', 'accounts', ...(data.action ? [data.action] : []),
    ...data.services.flatMap((service) => [`${service.service} allowed`, `${service.service} denied`, `${service.service} other`])];
  const lines = data.rows.map((row) => [row.id, row.name, row.kind, String(row.accounts), ...(data.action ? [row.action ?? ''] : []),
    ...row.cells.flatMap((cell) => cell.map(String))].map(quote).join(','));
  return `${[header.map(quote).join(','), ...lines].join('\n')}\n`;
}
