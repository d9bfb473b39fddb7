// `lzsim designs [--json]`: the designs in the database, most recently changed first.
import { listDesigns } from '../../db/designs';
import { escapeControlCharacters } from '../../schemas/text-checks';
import { defineCommand } from '../command';
import { withAppDatabase } from './app-db';

const HELP = `Usage: lzsim designs [--json]

List the designs: id, revision, creation time and name. With --json, prints an array of
{id, name, revision, createdAt}. Uses DATABASE_URL when set, otherwise the embedded database of "npm start".

Options:
  --json       print JSON
  -h, --help   show this help`;

/** The designs subcommand. */
export const designsCommand = defineCommand({
  name: 'designs',
  summary: 'List the designs in the database',
  help: HELP,
  options: { json: { type: 'boolean' } },
  async run(parsed, io) {
    const designs = await withAppDatabase(io, (db) => listDesigns(db));
    if (parsed.values.json) {
      const rows = designs.map((d) => ({ id: d.id, name: d.name, revision: d.revision, createdAt: d.createdAt.toISOString() }));
      io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
      return 0;
    }
    if (designs.length === 0) {
      io.stdout('No designs.\n');
      return 0;
    }
    const idWidth = Math.max(...designs.map((d) => d.id.length), 2);
    io.stdout(`${'ID'.padEnd(idWidth)}  REVISION  CREATED                   NAME\n`);
    // Names are escaped: one saved before names were checked could hold a terminal escape sequence.
    for (const d of designs) io.stdout(`${d.id.padEnd(idWidth)}  ${String(d.revision).padStart(8)}  ${d.createdAt.toISOString().padEnd(24)}  ${escapeControlCharacters(d.name)}\n`);
    return 0;
  },
});
