// Proves the layer rules in eslint.config.js fire: each deliberate violation in test/fixtures/lint/ is linted as
// if it lived in the layer it violates (the fixtures folder itself is ignored by the lint run).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/lint/${name}`, import.meta.url), 'utf8');

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** Lints a fixture's text as if it were the file at `pretendPath` (relative to the repo root). */
async function lintAs(fixtureName: string, pretendPath: string) {
  const [result] = await eslint.lintText(fixture(fixtureName), { filePath: `${root}${pretendPath}` });
  return result.messages;
}

const violations = [
  { fixture: 'engine-imports-prisma.ts', as: 'server/engine/lint-fixture.ts', source: '@prisma/client', says: /no database access|Only server\/db/ },
  { fixture: 'engine-imports-node-fs.ts', as: 'server/engine/lint-fixture.ts', source: 'node:fs', says: /no I\/O/ },
  { fixture: 'engine-imports-react.ts', as: 'server/engine/lint-fixture.ts', source: 'react', says: /no UI framework/ },
  { fixture: 'service-imports-prisma.ts', as: 'server/services/lint-fixture.ts', source: '@prisma/client', says: /Only server\/db imports Prisma/ },
  { fixture: 'schema-imports-db.ts', as: 'server/schemas/lint-fixture.ts', source: '../db/client', says: /import only zod/ },
  { fixture: 'component-imports-api-runtime.tsx', as: 'components/lint-fixture.tsx', source: '@/server/api/root', says: /import only types from server\/api/ },
  { fixture: 'component-imports-engine.tsx', as: 'components/lint-fixture.tsx', source: '@/server/engine/match/wildcard', says: /never compute authorization/ },
];

// The first lint loads the TypeScript parser and every plugin: seconds on a loaded machine.
describe('layer lint rules', { timeout: 30_000 }, () => {
  it.each(violations)('rejects $fixture (imports $source) as $as', async ({ fixture: name, as, source, says }) => {
    const messages = await lintAs(name, as);
    const restricted = messages.filter((message) => message.ruleId === 'no-restricted-imports');
    // An engine file importing Prisma breaks two rules (engine purity and Prisma-only-in-db): both may report.
    expect(restricted.length, JSON.stringify(messages, null, 2)).toBeGreaterThanOrEqual(1);
    for (const message of restricted) {
      expect(message.message).toContain(`'${source}'`);
      expect(message.severity).toBe(2);
    }
    expect(restricted.some((message) => says.test(message.message))).toBe(true);
  });

  it('rejects a RegExp built at run time in the engine (policy text is user input)', async () => {
    const messages = await lintAs('engine-builds-regexp.ts', 'server/engine/lint-fixture.ts');
    const restricted = messages.filter((message) => message.ruleId === 'no-restricted-syntax');
    expect(restricted, JSON.stringify(messages, null, 2)).toHaveLength(1);
    expect(restricted[0].message).toMatch(/never builds a RegExp/);
    expect(restricted[0].severity).toBe(2);
  });

  it('accepts a clean engine module', async () => {
    const messages = await lintAs('engine-clean.ts', 'server/engine/lint-fixture.ts');
    expect(messages).toEqual([]);
  });

  it('lets a component import the API router type', async () => {
    const messages = await lintAs('component-imports-api-type.tsx', 'components/lint-fixture.tsx');
    expect(messages).toEqual([]);
  });

  it('lets server/db import Prisma (the one place allowed to)', async () => {
    const messages = await lintAs('service-imports-prisma.ts', 'server/db/lint-fixture.ts');
    expect(messages.filter((message) => message.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
