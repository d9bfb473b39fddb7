// Import and export of whole designs. Every import validates the complete input first and then writes a NEW design
// in one transaction (all or nothing); every export reads the design once into the interchange model.
import 'server-only';
import { findUnsafeTextDeep } from '../../schemas/text';

import type { Db } from '../../db/client';
import { getDesignByName, isUniqueViolation } from '../../db/designs';
import { readDesignForExport } from '../../db/export-design';
import { importDesign } from '../../db/import-design';
import { countDesign, type ImportCounts, type InterchangeDesign } from '../../db/import-export-model';
import { designNotFound, DomainError } from '../domain-error';
import { ProblemList } from './import-problems';
import { readBundle } from './read-bundle';
import { readCliFiles, readCliFolder } from './read-cli-folder';
import { readOrgDesignerExport } from './read-org-designer';
import { designToCloudFormation } from './write-cloudformation';
import { designToBundle } from './write-bundle';
import { designToTerraform } from './write-terraform';

/** What an import reports. */
export interface ImportReport {
  designId: string;
  name: string;
  counts: ImportCounts;
  /** Data that could not be kept (e.g. an attachment naming a policy the input does not contain). */
  warnings: string[];
}

/** Options of every import. */
export interface ImportOptions {
  /** Name of the new design; derived from the input when absent (and made unique). */
  name?: string;
  /** Description of the new design. */
  description?: string;
}

/** Export formats. */
export type ExportFormat = 'bundle' | 'terraform' | 'cloudformation';

/** An export: the document, and a file name that fits it. */
export interface ExportResult {
  format: ExportFormat;
  fileName: string;
  document: Record<string, unknown>;
}

const DESIGN_NAME_MAX = 80;
/** How many automatic names one import tries before giving up (each failed try waited for the winner's commit). */
const MAX_NAME_ATTEMPTS = 100;

/** `wanted`, or `wanted (2)`, `wanted (3)`, ... whichever is free. */
async function freeDesignName(db: Db, wanted: string): Promise<string> {
  const base = wanted.trim().slice(0, DESIGN_NAME_MAX - 6) || 'Imported design';
  if (!(await getDesignByName(db, base))) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base} (${n})`;
    if (!(await getDesignByName(db, candidate))) return candidate;
  }
}

/** Writes a validated model into a new design and reports what was imported. */
export async function importInterchangeDesign(
  db: Db, design: InterchangeDesign, defaultName: string, warnings: string[], options: ImportOptions = {},
): Promise<ImportReport> {
  if (options.name !== undefined && (await getDesignByName(db, options.name.trim()))) {
    throw new DomainError('CONFLICT', `A design named "${options.name.trim()}" already exists: choose another name.`, { field: 'name' });
  }
  // An automatic name ("Imported o-…", "… (2)") is only a proposal: when a concurrent import or create takes it
  // between the check and the write, the unique index refuses ours and the next free name is tried.
  for (let attempt = 1; ; attempt += 1) {
    const name = options.name?.trim() || (await freeDesignName(db, defaultName));
    try {
      const designId = await importDesign(db, name, options.description ?? '', design);
      return { designId, name, counts: countDesign(design), warnings };
    } catch (error) {
      if (!isUniqueViolation(error, 'name')) throw error;
      if (options.name === undefined && attempt < MAX_NAME_ATTEMPTS) continue;
      throw new DomainError('CONFLICT', `A design named "${name}" already exists: choose another name.`, { field: 'name', cause: error });
    }
  }
}

/** A JSONPath for problem messages: $.Accounts[3].Name, $.ResourceTags["arn:aws:…"]. */
function jsonPath(path: readonly (string | number)[]): string {
  return path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `${text}.${part}` : `${text}[${JSON.stringify(part)}]`), '$');
}

/**
 * Refuses a document holding text no design may hold (NUL, other control characters, lone surrogates: see
 * server/schemas/text.ts), each named by its JSONPath, before anything reaches the database.
 */
function refuseUnsafeText(document: unknown, source: string): void {
  const issues = findUnsafeTextDeep(document);
  if (issues.length === 0) return;
  const problems = new ProblemList();
  for (const issue of issues) problems.add(jsonPath(issue.path), issue.message);
  problems.reject(source);
}

/** Imports an AWS export bundle (already parsed JSON) into a new design. */
export async function importBundle(db: Db, bundle: unknown, options: ImportOptions & { source?: string } = {}): Promise<ImportReport> {
  refuseUnsafeText(bundle, options.source ?? 'The bundle');
  const { design, warnings } = readBundle(bundle, options.source ?? 'The bundle');
  const defaultName = design.organization ? `Imported ${design.organization.awsId}` : 'Imported accounts';
  return importInterchangeDesign(db, design, defaultName, warnings, options);
}

/** Imports a folder of raw AWS CLI outputs (layout in read-cli-folder.ts) into a new design. */
export async function importCliFolder(db: Db, folder: string, options: ImportOptions = {}): Promise<ImportReport> {
  const { design, warnings } = readCliFolder(folder);
  const defaultName = design.organization ? `Imported ${design.organization.awsId}` : 'Imported accounts';
  return importInterchangeDesign(db, design, defaultName, warnings, options);
}

/** Imports a folder of raw AWS CLI outputs sent as files (a zip the browser unpacked: path → text). */
export async function importCliFiles(db: Db, files: Readonly<Record<string, string>>, options: ImportOptions = {}): Promise<ImportReport> {
  refuseUnsafeText(files, 'The zip file');
  const { design, warnings } = readCliFiles(files);
  const defaultName = design.organization ? `Imported ${design.organization.awsId}` : 'Imported accounts';
  return importInterchangeDesign(db, design, defaultName, warnings, options);
}

/** Imports an aws-org-designer export (already parsed JSON) into a new design. */
export async function importOrgDesigner(db: Db, exported: unknown, options: ImportOptions & { source?: string } = {}): Promise<ImportReport> {
  refuseUnsafeText(exported, options.source ?? 'The aws-org-designer file');
  const { design, warnings, organizationName } = readOrgDesignerExport(exported, options.source ?? 'The aws-org-designer file');
  return importInterchangeDesign(db, design, organizationName, warnings, options);
}

/** Imports a JSON file of either kind: an aws-org-designer export when it looks like one, else an AWS bundle (as the CLI decides). */
export async function importDocument(db: Db, document: unknown, options: ImportOptions & { source?: string } = {}): Promise<ImportReport> {
  return isOrgDesignerExport(document) ? importOrgDesigner(db, document, options) : importBundle(db, document, options);
}

/** True when parsed JSON looks like an aws-org-designer export rather than an AWS bundle. */
export function isOrgDesignerExport(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return typeof record.organization === 'object' && record.organization !== null && 'version' in record && !('Organization' in record);
}

/** Reads a design into the interchange model; NOT_FOUND for an unknown id. */
export async function readDesign(db: Db, designId: string): Promise<{ name: string; design: InterchangeDesign }> {
  const exported = await readDesignForExport(db, designId);
  if (!exported) throw designNotFound(designId);
  return exported;
}

/** Exports a design as an AWS bundle, Terraform JSON or a CloudFormation template. */
export async function exportDesign(db: Db, designId: string, format: ExportFormat): Promise<ExportResult> {
  const { name, design } = await readDesign(db, designId);
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'design';
  switch (format) {
    case 'bundle':
      return { format, fileName: `${slug}.bundle.json`, document: designToBundle(design) };
    case 'terraform':
      return { format, fileName: `${slug}.tf.json`, document: designToTerraform(design, name) };
    case 'cloudformation':
      return { format, fileName: `${slug}.cfn.json`, document: designToCloudFormation(design, name) };
    default:
      throw new DomainError('INVALID_INPUT', `Unknown export format "${String(format)}": use bundle, terraform or cloudformation.`, { field: 'format' });
  }
}
