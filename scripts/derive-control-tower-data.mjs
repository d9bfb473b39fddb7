#!/usr/bin/env node
// Derives server/engine/control-tower/data/controls.json from the two public data files described in
// server/engine/control-tower/data/SOURCE.md (the Control Catalog export and the legacy Control Tower guide's
// controls with their SCP text). Run: node scripts/derive-control-tower-data.mjs <folder holding both files>
// The output is plain data the engine imports; nothing here runs at app time.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [folder = '/work/shared/data'] = process.argv.slice(2);
const OUT = new URL('../server/engine/control-tower/data/controls.json', import.meta.url);

/** RFC 4180 CSV (quoted fields, doubled quotes, commas and newlines inside quotes). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i += 1; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const [header, ...body] = rows;
  return body.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

const catalog = parseCsv(readFileSync(join(folder, 'controlcatalog_list_controls.csv'), 'utf8'));
const legacy = JSON.parse(readFileSync(join(folder, 'ct_legacy_controls_from_awsdocs.json'), 'utf8')).controls;

const normalise = (name) =>
  name.replace(/\[Previously:.*?\]/g, '').toLowerCase().replace(/amazon s3/g, 's3').replace(/\b(amazon|aws)\b/g, '').replace(/[^a-z0-9]+/g, ' ').trim();

// Legacy controls whose guide title differs from the catalogue name (matched by hand, by what the SCP or rule does).
const BY_HAND = {
  'AWS-GR_CONFIG_AGGREGATION_CHANGE_PROHIBITED': '3ksucrmpxrisrr73zuw5jxry8',
  'AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS': null, // resolved below by name prefix
  'AWS-GR_AUDIT_BUCKET_ENCRYPTION_ENABLED': 'k4izcjxhukijhajp6ks5mjxk',
  'AWS-GR_AUDIT_BUCKET_LOGGING_ENABLED': 'kr15xvw9oltta064g3o80ppk',
  'AWS-GR_AUDIT_BUCKET_POLICY_CHANGES_PROHIBITED': '4wtwsih93j7vct3k0pyvrs3e2',
  'AWS-GR_AUDIT_BUCKET_RETENTION_POLICY': 'ew9b99j144ugzye49kokym66c',
  'AWS-GR_RESTRICT_S3_CROSS_REGION_REPLICATION': '3zbcht7oxkzts9r1z20nz5lcw',
  'AWS-GR_REGION_DENY': 'cwlixshc8c8mw9qiwdw2z0zav',
};
const arnOf = (suffix) => `arn:aws:controlcatalog:::control/${suffix}`;
const byName = new Map();
for (const row of catalog) {
  const key = normalise(row.Name);
  byName.set(key, [...(byName.get(key) ?? []), row]);
}
const byConfigRule = new Map();
for (const row of catalog) {
  if (row.Implementation_Type === 'AWS::Config::ConfigRule' && row.Implementation_Identifier) {
    byConfigRule.set(row.Implementation_Identifier, [...(byConfigRule.get(row.Implementation_Identifier) ?? []), row]);
  }
}

const GUIDANCE = { mandatory: 'MANDATORY', 'strongly recommended': 'STRONGLY_RECOMMENDED', elective: 'ELECTIVE', 'elective (data residency)': 'ELECTIVE' };
const legacyByArn = new Map();
const unmatched = [];
for (const control of legacy) {
  let row;
  if (control.id in BY_HAND && BY_HAND[control.id]) row = catalog.find((r) => r.Arn === arnOf(BY_HAND[control.id]));
  if (!row && control.id === 'AWS-GR_ENSURE_CLOUDTRAIL_ENABLED_ON_SHARED_ACCOUNTS') {
    row = catalog.find((r) => r.Name.startsWith('Detect whether a shared account in the Security'));
  }
  if (!row) {
    const candidates = byName.get(normalise(control.title)) ?? [];
    if (candidates.length === 1) row = candidates[0];
  }
  if (!row && control.config_rule_template) {
    const identifier = /SourceIdentifier:\s*(\S+)/.exec(control.config_rule_template)?.[1];
    const candidates = identifier ? byConfigRule.get(identifier) ?? [] : [];
    if (candidates.length === 1) row = candidates[0];
  }
  if (row) legacyByArn.set(row.Arn, control);
  else unmatched.push(control);
}

// The service a control governs: the "Amazon X" / "AWS X" phrase of its name, else the Security Hub control's prefix.
function serviceOf(row) {
  const phrase = /\b(?:Amazon|AWS) ((?:[A-Z0-9][A-Za-z0-9.-]*)(?: (?:[A-Z0-9][A-Za-z0-9.-]*|for|and|on))*)/.exec(row.Name);
  if (phrase) {
    let name = phrase[1].replace(/ (for|and|on)$/, '').trim();
    if (/^Control Tower/.test(name) && /CloudTrail|Config|CloudWatch|Lambda|SNS|IAM|S3|Backup/.test(row.Name)) {
      name = /CloudTrail|Config|CloudWatch|Lambda|SNS|IAM|S3|Backup/.exec(row.Name)[0];
    }
    return name.replace(/^(S3|EC2|EBS|RDS|IAM|KMS)\b.*$/, '$1');
  }
  if (row.Implementation_Type === 'AWS::SecurityHub::SecurityControl' && row.Implementation_Identifier) return row.Implementation_Identifier.split('.')[0];
  for (const word of ['CloudTrail', 'CloudWatch', 'S3', 'IAM', 'EC2', 'VPC', 'KMS', 'Config']) if (row.Name.includes(word)) return word;
  return 'Multiple services';
}

// One spelling per service, so the catalogue filter lists each once.
const SERVICE_ALIASES = {
  'Relational Database Service': 'RDS', 'Identity and Access Management': 'IAM', 'Elastic Compute Cloud': 'EC2',
  'Elastic Block Store': 'EBS', 'Simple Storage Service': 'S3', 'Key Management Service': 'KMS', 'Elastic File System': 'EFS',
  'Database Migration Service': 'DMS', Opensearch: 'OpenSearch Service', ES: 'OpenSearch Service', 'Elastic MapReduce': 'EMR',
  NetworkFirewall: 'Network Firewall', 'Neptune DB': 'Neptune', APIGateway: 'API Gateway', 'AppSync GraphQL API': 'AppSync',
  'AppSync API': 'AppSync', SecretsManager: 'Secrets Manager', AutoScaling: 'Auto Scaling', 'Backup-Gateway VirtualMachines': 'Backup Gateway',
  'Simple Notification Service': 'SNS', 'Simple Queue Service': 'SQS', 'Elastic Container Service': 'ECS', 'Elastic Kubernetes Service': 'EKS',
  'Elastic Container Registry': 'ECR', 'Elastic Load Balancing': 'ELB',
};
const canonicalService = (name) => SERVICE_ALIASES[name] ?? name;

const IMPLEMENTATION = {
  'AWS::Organizations::Policy::SERVICE_CONTROL_POLICY': 'SCP',
  'AWS::Organizations::Policy::RESOURCE_CONTROL_POLICY': 'RCP',
  'AWS::Organizations::Policy::DECLARATIVE_POLICY_EC2': 'DECLARATIVE_POLICY_EC2',
  'AWS::Config::ConfigRule': 'CONFIG_RULE',
  'AWS::CloudFormation::Type::HOOK': 'CLOUDFORMATION_HOOK',
  'AWS::SecurityHub::SecurityControl': 'SECURITY_HUB_CONTROL',
};

// The guide's markdown pages became the Controls Reference Guide's pages of the same names.
const docUrl = (path) => path.replace(/^doc_source\/(.*)\.md(#.*)?$/, 'https://docs.aws.amazon.com/controltower/latest/controlreference/$1.html$2');

const controls = catalog.map((row) => {
  const old = legacyByArn.get(row.Arn);
  const implementation = IMPLEMENTATION[row.Implementation_Type];
  if (!implementation) throw new Error(`Unknown implementation type ${row.Implementation_Type} (${row.Arn})`);
  const entry = {
    arn: row.Arn,
    ...(old ? { alias: old.id } : {}),
    name: row.Name,
    description: row.Description,
    behavior: row.Behavior,
    severity: row.Severity,
    implementation: { type: implementation, ...(row.Implementation_Identifier ? { identifier: row.Implementation_Identifier } : {}) },
    guidance: old ? GUIDANCE[old.guidance] : 'ELECTIVE',
    guidanceSource: old ? 'legacy' : 'default',
    ...(old?.guidance === 'elective (data residency)' ? { group: 'DATA_RESIDENCY' } : {}),
    service: canonicalService(serviceOf(row)),
    ...(old ? { doc: docUrl(old.doc) } : {}),
    frameworks: implementation === 'SECURITY_HUB_CONTROL' ? ['AWS Foundational Security Best Practices'] : [],
    createTime: row.CreateTime,
  };
  // The guide printed one SCP per preventive control (two versions for AWS-GR_IAM_ROLE_CHANGE_PROHIBITED: the first,
  // which also exempts stacksets-exec-*, is the current one).
  if (old?.scp?.length && implementation === 'SCP') entry.policy = { document: old.scp[0], source: `${old.doc} @ awsdocs/aws-control-tower-guide 67fba89` };
  return entry;
});

// CT.CLOUDFORMATION.PR.1 is in the legacy guide with its SCP but not in the catalogue export.
const extra = unmatched.filter((c) => c.id === 'CT.CLOUDFORMATION.PR.1').map((c) => ({
  arn: `arn:aws:controltower:::control/${c.id}`,
  alias: c.id,
  name: c.title,
  description: c.title + '.',
  behavior: 'PREVENTIVE',
  severity: 'MEDIUM',
  implementation: { type: 'SCP' },
  guidance: 'ELECTIVE',
  guidanceSource: 'legacy',
  service: 'CloudFormation',
  doc: docUrl(c.doc),
  frameworks: [],
  createTime: '',
  policy: { document: c.scp[0], source: `${c.doc} @ awsdocs/aws-control-tower-guide 67fba89` },
}));
const stillUnmatched = unmatched.filter((c) => c.id !== 'CT.CLOUDFORMATION.PR.1');
if (stillUnmatched.length) throw new Error(`Legacy controls not found in the catalogue: ${stillUnmatched.map((c) => c.id).join(', ')}`);

const all = [...controls, ...extra].sort((a, b) => a.arn.localeCompare(b.arn));
writeFileSync(OUT, '[\n' + all.map((c) => JSON.stringify(c)).join(',\n') + '\n]\n');
console.log(`${all.length} controls written (${legacyByArn.size} matched to the legacy guide, ${all.filter((c) => c.policy).length} with policy text).`);
