// `lzsim plan --from LIVE.json|FOLDER --to DESIGN-ID|FILE [--json|--script|--terraform]`: the ordered Organizations
// and IAM calls that turn the live organization (an AWS export bundle or a folder of AWS CLI outputs) into a design
// (one in the database, or another bundle), each with what it does to access.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { InterchangeDesign } from '../../db/import-export-model';
import type { MigrationPlan, PlanStep } from '../../engine/analysis/migration-plan/types';
import { stripByteOrderMark } from '../../schemas/text';
import { isDomainError } from '../../services/domain-error';
import { ImportRejectedError } from '../../services/interchange/import-problems';
import { readDesign } from '../../services/interchange/interchange-service';
import { readBundle } from '../../services/interchange/read-bundle';
import { readCliFolder } from '../../services/interchange/read-cli-folder';
import { renderPlan, type RenderedPlan } from '../../services/plan/render-plan';
import { CliError, describeFsError } from '../cli-error';
import { defineCommand, requireOption, type CliIo } from '../command';
import { withAppDatabase } from './app-db';

const HELP = `Usage: lzsim plan --from LIVE --to TARGET [--json | --script | --terraform] [options]

The ordered AWS API calls that turn the live organization into the design: CreateOrganizationalUnit,
UpdateOrganizationalUnit, CreatePolicy, UpdatePolicy, AttachPolicy, DetachPolicy, MoveAccount, DeletePolicy,
DeleteOrganizationalUnit, EnablePolicyType, TagResource, ..., and IAM's CreateRole, PutRolePolicy, AttachRolePolicy,
CreatePolicyVersion, ... in their request shapes. Entities are matched by id where both sides have it, else by name
(accounts by email, then name); the plan says how each was matched.

The order is one AWS accepts (parents before children, the new SCP attached before the last one is detached,
accounts moved out before their OU is deleted, quotas and OU depth respected) and, where one exists, one in which
no principal is ever allowed what neither the live organization nor the design allows (new denies before old ones
go). Each step shows its impact: the (account, action) cells of the org-wide matrix that flip and the users and
roles that gain or lose actions. A step that still widens access is marked.

  --from LIVE     the live organization: an AWS export bundle (JSON) or a folder of AWS CLI outputs
  --to TARGET     the design: a design id (lzsim designs) or a bundle file
  --json          the plan as JSON (steps with their requests and impact, matches, warnings)
  --script        a bash script of aws organizations / aws iam / aws account commands, in the plan's order
  --terraform     Terraform JSON of the design (Organizations and each existing account's IAM) with import
                  blocks for what exists and moved blocks
  --region R      judge access with aws:RequestedRegion = R (region conditions otherwise depend on the request)
  --out FILE      write to FILE instead of stdout
  -h, --help      show this help

A design id is read from DATABASE_URL when set, otherwise from the embedded database of "npm start".

Exit codes: 0 planned (also when steps widen access or calls could not be placed: the output says so), 2 bad
arguments or unreadable or invalid input (one line naming the file and the JSON path).`;

/** The plan subcommand. */
export const planCommand = defineCommand({
  name: 'plan',
  summary: 'The ordered Organizations and IAM calls that turn a live organization into a design, with each step\'s impact',
  help: HELP,
  options: {
    from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean' }, script: { type: 'boolean' }, terraform: { type: 'boolean' },
    region: { type: 'string' }, out: { type: 'string' },
  },
  async run({ values }, io) {
    requireOption('plan', values.from, '--from LIVE');
    requireOption('plan', values.to, '--to TARGET');
    const formats = (['json', 'script', 'terraform'] as const).filter((format) => values[format]);
    if (formats.length > 1) throw new CliError(`plan: choose one of --${formats.join(', --')}`);

    const live = await readSide(values.from, io);
    if (!live) throw new CliError(`${values.from}: no such file or folder`);
    let target = await readSide(values.to, io);
    if (!target) {
      try {
        const designId = values.to;
        const read = await withAppDatabase(io, (db) => readDesign(db, designId));
        target = { name: read.name, design: read.design, warnings: [] };
      } catch (error) {
        if (isDomainError(error)) throw new CliError(`--to ${values.to}: ${error.message}`);
        throw error;
      }
    }
    if (!live.design.organization) throw new CliError(`${values.from}: AWSOrganizationsNotInUseException: the live side has no organization (describe-organization.json / Organization)`);
    if (!target.design.organization) throw new CliError(`${values.to}: AWSOrganizationsNotInUseException: the design has no organization`);

    const rendered = renderPlan(live.design, target.design, { from: live.name, to: target.name }, values.region);
    for (const warning of [...live.warnings, ...target.warnings]) io.stderr(`lzsim: warning: ${warning}\n`);
    const text = formats[0] === 'script' ? rendered.script
      : formats[0] === 'terraform' ? rendered.terraform
        : formats[0] === 'json' ? `${JSON.stringify(planJson(rendered.plan), null, 2)}\n`
          : planText(rendered);
    if (values.out) {
      try {
        await writeFile(resolve(io.cwd, values.out), text);
      } catch (error) {
        throw new CliError(`${values.out}: cannot write: ${describeFsError(error)}`);
      }
      io.stderr(`lzsim: wrote ${rendered.plan.steps.length} step(s) to ${values.out}\n`);
    } else {
      io.stdout(text);
    }
    return 0;
  },
});

/** Reads a bundle file or a CLI folder; undefined when nothing exists at that path (then it may be a design id). */
async function readSide(argument: string, io: CliIo): Promise<{ name: string; design: InterchangeDesign; warnings: string[] } | undefined> {
  const path = resolve(io.cwd, argument.startsWith('file://') ? argument.slice('file://'.length) : argument);
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch {
    return undefined;
  }
  try {
    if (isFolder) {
      const read = readCliFolder(path);
      return { name: argument, design: read.design, warnings: read.warnings };
    }
    let json: unknown;
    try {
      json = JSON.parse(stripByteOrderMark(await readFile(path, 'utf8'))) as unknown;
    } catch (error) {
      throw new CliError(`${argument}: ${error instanceof SyntaxError ? `not valid JSON: ${error.message}` : `cannot read file: ${describeFsError(error)}`}`);
    }
    const read = readBundle(json, argument);
    return { name: argument, design: read.design, warnings: read.warnings };
  } catch (error) {
    if (error instanceof ImportRejectedError) {
      const [first] = error.problems;
      const more = error.problems.length > 1 ? ` (and ${error.problems.length - 1} more problem${error.problems.length === 2 ? '' : 's'})` : '';
      throw new CliError(`${argument}: ${first.path}: ${first.awsCode}${first.awsReason ? ` (${first.awsReason})` : ''}: ${first.message}${more}`);
    }
    throw error;
  }
}

/** The plan as JSON, AWS-style keys for the calls. */
export function planJson(plan: MigrationPlan) {
  return {
    OrganizationId: plan.organizationId,
    Steps: plan.steps.map((step) => ({
      Step: step.index,
      Api: step.api,
      Operation: step.operation,
      ...(step.accountId ? { AccountId: step.accountId } : {}),
      Request: step.input,
      ...(step.creates ? { Creates: { Kind: step.creates.kind, Placeholder: step.creates.placeholder } } : {}),
      Summary: step.summary,
      ...(step.note ? { Note: step.note } : {}),
      ...(step.impact ? {
        Impact: {
          ChangedCells: step.impact.changedCells,
          ChangedAccounts: step.impact.changedAccounts,
          Services: step.impact.services.map((service) => ({ Service: service.service, BecameAllowed: service.becameAllowed, BecameDenied: service.becameDenied, Changed: service.changed })),
          Principals: step.impact.principals.map((principal) => ({ PrincipalArn: principal.principalArn, Gains: principal.gained, GainsCount: principal.gainedCount, Loses: principal.lost, LosesCount: principal.lostCount })),
          PrincipalsTruncated: step.impact.principalsTruncated,
        },
      } : {}),
      Widens: step.widens.map((entry) => ({ AccountId: entry.accountId, ...(entry.principalArn ? { PrincipalArn: entry.principalArn } : {}), ...(entry.side ? { Side: entry.side.toUpperCase() } : {}), ...(entry.roleArn ? { RoleArn: entry.roleArn } : {}), ...(entry.via ? { Via: entry.via } : {}), Actions: entry.actions, Sample: entry.sample })),
    })),
    Matches: plan.matches.map((match) => ({ Kind: match.kind, Name: match.name, ...(match.designId ? { DesignId: match.designId } : {}), ...(match.liveId ? { LiveId: match.liveId } : {}), MatchedBy: match.method })),
    Created: plan.created.map((entry) => ({ Placeholder: entry.placeholder, Kind: entry.kind, Step: entry.step, Name: entry.name })),
    Unplaced: plan.unplaced.map((call) => ({ Operation: call.operation, Request: call.input, Error: call.awsCode, Message: call.message })),
    Warnings: plan.warnings.map((warning) => `${warning.subject}: ${warning.message}`),
    WideningSteps: plan.wideningSteps,
  };
}

function impactLine(step: PlanStep): string | undefined {
  const impact = step.impact;
  if (!impact) return undefined;
  const parts: string[] = [];
  if (impact.changedCells > 0) {
    const denied = impact.services.reduce((sum, service) => sum + service.becameDenied, 0);
    const allowed = impact.services.reduce((sum, service) => sum + service.becameAllowed, 0);
    parts.push(`${impact.changedCells} cell(s) flip in ${impact.changedAccounts} account(s) (${denied} become denied, ${allowed} become allowed)`);
  }
  for (const principal of impact.principals.slice(0, 5)) {
    const changes = [principal.gainedCount > 0 ? `gains ${principal.gainedCount} (${principal.gained.slice(0, 3).join(', ')}${principal.gainedCount > 3 ? ', …' : ''})` : '',
      principal.lostCount > 0 ? `loses ${principal.lostCount} (${principal.lost.slice(0, 3).join(', ')}${principal.lostCount > 3 ? ', …' : ''})` : ''].filter(Boolean);
    parts.push(`${principal.principalArn} ${changes.join(', ')}`);
  }
  if (impact.principals.length > 5) parts.push(`and ${impact.principals.length - 5} more principals`);
  return parts.length > 0 ? parts.join('; ') : 'no decision changes';
}

function planText(rendered: RenderedPlan): string {
  const { plan } = rendered;
  const lines = [`Plan from ${rendered.fromName} to ${rendered.toName}: ${plan.steps.length} step(s)${plan.wideningSteps > 0 ? `, ${plan.wideningSteps} widen access` : ', none widens access'}`];
  for (const step of plan.steps) {
    lines.push(`${String(step.index).padStart(3)}. ${step.api} ${step.operation}${step.accountId ? ` (in ${step.accountId})` : ''}: ${step.summary}`);
    const impact = impactLine(step);
    if (impact) lines.push(`       impact: ${impact}`);
    if (step.note) lines.push(`       note: ${step.note}`);
    for (const entry of step.widens) lines.push(`       WIDENS: ${entry.principalArn ?? `${entry.accountId} (${entry.side?.toUpperCase()})`}${entry.roleArn ? ` through ${[...(entry.via ?? []), entry.roleArn].join(' -> ')}` : ''} ${entry.actions} action(s), e.g. ${entry.sample.join(', ')}`);
  }
  if (plan.unplaced.length > 0) {
    lines.push('', 'not placed (AWS refuses them in every order tried):');
    for (const call of plan.unplaced) lines.push(`  ${call.operation}: ${call.summary}: ${call.awsCode}: ${call.message}`);
  }
  // IAM entities are always matched by name (IAM has no other stable key); the rest is worth reading.
  const matched = plan.matches.filter((match) => match.method !== 'id' && match.method !== 'root' && !(match.method === 'name' && ['role', 'user', 'group', 'iam-policy'].includes(match.kind)));
  if (matched.length > 0) {
    lines.push('', 'matches other than by id:');
    for (const match of matched) lines.push(`  ${match.kind} ${match.name}: ${match.method}${match.liveId ? ` (live ${match.liveId})` : ''}`);
  }
  if (plan.warnings.length > 0) {
    lines.push('', 'warnings:');
    for (const warning of plan.warnings) lines.push(`  ${warning.subject}: ${warning.message}`);
  }
  return `${lines.join('\n')}\n`;
}
