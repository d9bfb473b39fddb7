#!/usr/bin/env node
// Derives server/engine/control-tower/data/securityhub-frameworks.json: the compliance frameworks each Security Hub
// control is tied to, read from the "Related requirements" line of each control in the Security Hub user guide's
// markdown (doc_source/*-controls.md of github.com/awsdocs/aws-security-hub-user-guide @ 47bfe2f, June 2023, the last
// commit before the repository was archived). Run: node scripts/derive-securityhub-frameworks.mjs <doc_source folder>
// The output is plain data the catalogue reads; nothing here runs at app time.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder] = process.argv.slice(2);
if (!folder) throw new Error('Usage: derive-securityhub-frameworks.mjs <doc_source folder>');
const OUT = new URL('../server/engine/control-tower/data/securityhub-frameworks.json', import.meta.url);

// Requirement prefixes as the guide writes them, and the framework each names.
const FRAMEWORKS = [
  [/^NIST\.800-53\.r5\b/, 'NIST SP 800-53 Rev. 5'],
  [/^PCI DSS v3\.2\.1\b/, 'PCI DSS v3.2.1'],
  [/^CIS AWS Foundations Benchmark v1\.2\.0\b/, 'CIS AWS Foundations Benchmark v1.2.0'],
  [/^CIS AWS Foundations Benchmark v1\.4\.0\b/, 'CIS AWS Foundations Benchmark v1.4.0'],
];

const controls = {};
const unknown = new Set();
for (const file of readdirSync(folder).filter((name) => name.endsWith('-controls.md')).sort()) {
  // The guide escapes markdown punctuation with backslashes.
  const text = readFileSync(join(folder, file), 'utf8').replace(/\\(.)/g, '$1');
  let current = null;
  for (const line of text.split('\n')) {
    const heading = /^## \[([A-Za-z0-9]+\.\d+)\]/.exec(line);
    if (heading) current = heading[1];
    const related = /^\*\*Related requirements:\*\*\s*(.*)$/.exec(line);
    if (!related || !current) continue;
    const frameworks = new Set();
    for (const requirement of related[1].split(',').map((r) => r.trim()).filter(Boolean)) {
      const match = FRAMEWORKS.find(([pattern]) => pattern.test(requirement));
      if (match) frameworks.add(match[1]);
      else unknown.add(requirement);
    }
    controls[current] = [...frameworks].sort();
  }
}
if (unknown.size) console.warn(`Requirements of no known framework (left out): ${[...unknown].slice(0, 10).join('; ')}`);
const sorted = Object.fromEntries(Object.entries(controls).sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true })));
writeFileSync(OUT, JSON.stringify({
  source: 'github.com/awsdocs/aws-security-hub-user-guide @ 47bfe2f (2023-06-15) doc_source/*-controls.md, "Related requirements" of each control',
  controls: sorted,
}, null, 1) + '\n');
console.log(`${Object.keys(sorted).length} Security Hub controls with their frameworks written.`);
