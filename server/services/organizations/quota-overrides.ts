import 'server-only';
import type { Db } from '../../db/client';
import * as queries from '../../db/org-mutations-queries';
import { readQuotaUsage } from '../../db/quota-usage';
import { findQuota, QUOTA_CATALOG } from '../../engine/quota-catalog';
import { quotaOverridesSchema, type DesignQuotas, type QuotaOverrides } from '../../schemas/organizations';
import { designNotFound } from '../domain-error';
import { awsError } from './aws-errors';
import { effectiveQuotas, runMutation, type EffectiveQuotas, type MutationBase } from './mutation';

// Per-design quota overrides (AWS raises quotas on request, and AWS changes its defaults): stored on the Design,
// recorded in the history like any edit, so they can be undone. setServiceQuota is the customer's side of it, as
// Service Quotas allows: only adjustable quotas, never below AWS's default, never above AWS's documented maximum.

/** Sets (or, with null, clears) the design's quota overrides; returns the quotas now in force. */
export async function setQuotaOverrides(db: Db, input: MutationBase & { overrides: QuotaOverrides | null }) {
  return runMutation(db, 'setQuotaOverrides', input, async (scope): Promise<{ quotas: EffectiveQuotas }> => {
    await scope.writer.update('design', scope.context.designId, { quotaOverrides: input.overrides ?? null });
    return { quotas: effectiveQuotas(input.overrides) };
  });
}

/** Every quota of the catalog with the value in force, whether the design raised it, and the design's use of it. */
export async function describeDesignQuotas(db: Db, designId: string): Promise<DesignQuotas> {
  const context = await queries.loadMutationContext(db, designId);
  if (!context) {
    if (!(await queries.designExists(db, designId))) throw designNotFound(designId);
    // Organizations' quotas and policy types belong to an organization (ListRoots answers so without one).
    throw awsError('NOT_FOUND', 'AWSOrganizationsNotInUseException', `Design ${designId} has no organization: its quotas and policy types belong to one. Import an organization, or branch the sample landing zone.`);
  }
  const [usage, quotas] = [await readQuotaUsage(db, designId), effectiveQuotas(context.quotaOverrides)];
  const overrides = (context.quotaOverrides ?? {}) as Record<string, unknown>;
  return {
    quotas: QUOTA_CATALOG.map((quota) => ({
      key: quota.key,
      service: quota.service,
      name: quota.name,
      unit: quota.unit,
      defaultValue: quota.defaultValue,
      adjustable: quota.adjustable,
      maximum: quota.maximum,
      docUrl: quota.docUrl,
      usageNote: quota.usageNote ?? null,
      value: readPath(quotas, quota.key) ?? quota.defaultValue,
      raised: readPath(overrides, quota.key) !== undefined,
      used: usage[quota.key] ?? 0,
    })),
    policyTypes: context.policyTypes.map(({ type, status }) => ({ type, status })),
    featureSet: context.organization.featureSet,
  };
}

/**
 * Raises one adjustable quota to `value` (Service Quotas' RequestServiceQuotaIncrease, granted at once), or with
 * null returns it to AWS's default. Refused with IllegalArgumentException when the quota is fixed, the value is
 * below the default or above AWS's documented maximum, or the design already uses more than the new value.
 */
export async function setServiceQuota(db: Db, input: MutationBase & { quotaKey: string; value: number | null }) {
  const quota = findQuota(input.quotaKey);
  if (!quota) {
    throw awsError('NOT_FOUND', 'NoSuchResourceException', `There is no quota "${input.quotaKey}". Known quotas: ${QUOTA_CATALOG.map((q) => q.key).join(', ')}.`);
  }
  return runMutation(db, 'setServiceQuota', input, async (scope) => {
    const value = input.value ?? quota.defaultValue;
    if (input.value !== null) {
      if (!quota.adjustable) {
        throw illegal(`"${quota.name}" is not adjustable: AWS keeps it at ${quota.defaultValue.toLocaleString('en-US')} ${quota.unit}.`);
      }
      if (value < quota.defaultValue) {
        throw illegal(`"${quota.name}" cannot go below AWS's default of ${quota.defaultValue.toLocaleString('en-US')}: Service Quotas only raises quotas.`);
      }
      if (value > quota.maximum) {
        throw illegal(`"${quota.name}" can be raised to at most ${quota.maximum.toLocaleString('en-US')} ${quota.unit} (AWS's documented maximum, ${quota.docUrl}).`);
      }
    }
    const used = (await readQuotaUsage(scope.db, scope.context.designId))[quota.key] ?? 0;
    if (used > value) {
      throw illegal(`The design already uses ${used.toLocaleString('en-US')} ${quota.unit} of "${quota.name}": the quota cannot be set to ${value.toLocaleString('en-US')}.`);
    }
    const stored = quotaOverridesSchema.parse(scope.context.quotaOverrides ?? {});
    const next = writePath(structuredClone(stored) as Record<string, unknown>, quota.key, input.value);
    const overrides = quotaOverridesSchema.parse(next);
    const empty = Object.keys(overrides).length === 0;
    await scope.writer.update('design', scope.context.designId, { quotaOverrides: empty ? null : overrides });
    return { quota: { key: quota.key, name: quota.name, value, raised: input.value !== null } };
  });
}

function illegal(message: string) {
  return awsError('INVALID_INPUT', 'IllegalArgumentException', message);
}

function readPath(source: object, path: string): number | undefined {
  let at: unknown = source;
  for (const part of path.split('.')) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === 'number' ? at : undefined;
}

/** Sets (or, with null, removes) a nested value, dropping objects left empty. */
function writePath(target: Record<string, unknown>, path: string, value: number | null): Record<string, unknown> {
  const [head, ...rest] = path.split('.');
  if (rest.length === 0) {
    if (value === null) delete target[head];
    else target[head] = value;
    return target;
  }
  const child = (typeof target[head] === 'object' && target[head] !== null ? target[head] : {}) as Record<string, unknown>;
  const updated = writePath(child, rest.join('.'), value);
  if (Object.keys(updated).length === 0) delete target[head];
  else target[head] = updated;
  return target;
}
