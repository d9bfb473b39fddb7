import 'server-only';
import type { Db } from '../db/client';
import { loadLibraryPolicy, loadPoliciesAttachedTo, loadPolicyLibrary, loadPolicySummaries, loadQuotaOverrides } from '../db/policy-library';
import { locateFindings } from '../engine/policy/finding-positions';
import { EDITABLE_POLICY_TYPES, type EditablePolicyType } from '../schemas/organizations';
import type { LibraryPolicy, PolicyLibrary, PolicySummaries, PolicySummary, ValidatePolicyInput, ValidatePolicyOutput } from '../schemas/policy-library';
import { designNotFound } from './domain-error';
import { awsError } from './organizations/aws-errors';
import { effectiveQuotas } from './organizations/mutation';
import { validatePolicyContent } from './organizations/policies';

// The policy library (every Organizations policy of a design with its targets) and the editor's live validation:
// the same engine validators CreatePolicy and UpdatePolicy run, with each finding placed on its line in the draft.

const EDITABLE = new Set<string>(EDITABLE_POLICY_TYPES);
const isEditable = (type: string): type is EditablePolicyType => EDITABLE.has(type);

/** The error for a design with no organization (or none at all). */
async function noOrganization(db: Db, designId: string): Promise<never> {
  if ((await loadQuotaOverrides(db, designId)) === undefined) throw designNotFound(designId);
  throw awsError('NOT_FOUND', 'AWSOrganizationsNotInUseException', `Design ${designId} has no organization: create or import one first.`);
}

/** Types the designer cannot edit yet (declarative, chatbot, ...) stay out of the library rather than half-shown. */
function editableOnly<P extends { type: string }>(policies: P[]): (P & { type: EditablePolicyType })[] {
  return policies.flatMap((p) => (isEditable(p.type) ? [{ ...p, type: p.type }] : []));
}

/** Every editable Organizations policy of the design with where it is attached, and the types enabled on the root. */
export async function listPolicyLibrary(db: Db, designId: string): Promise<PolicyLibrary> {
  const library = await loadPolicyLibrary(db, designId);
  if (!library) return noOrganization(db, designId);
  const policies: LibraryPolicy[] = editableOnly(library.policies);
  return { designId, revision: library.revision, enabledTypes: library.enabledTypes.filter(isEditable), policies };
}

/**
 * The library without documents and targets (each policy's target count instead), for the library panel and the
 * pickers: on a design where FullAWSAccess sits on 6,000 targets, the whole library is 1.8 MB, its summaries 0.36 MB.
 */
export async function listPolicySummaries(db: Db, designId: string): Promise<PolicySummaries> {
  const library = await loadPolicySummaries(db, designId);
  if (!library) return noOrganization(db, designId);
  const policies: PolicySummary[] = editableOnly(library.policies);
  return { designId, revision: library.revision, enabledTypes: library.enabledTypes.filter(isEditable), policies };
}

/** The editable policies attached directly to a root, OU or account of the design (by row id). */
export async function listPoliciesAttachedTo(db: Db, designId: string, targetId: string): Promise<{ targetId: string; policies: PolicySummary[] }> {
  if ((await loadQuotaOverrides(db, designId)) === undefined) throw designNotFound(designId);
  return { targetId, policies: editableOnly(await loadPoliciesAttachedTo(db, designId, targetId)) };
}

/** One editable policy of the design (by row id) with its document and every target. */
export async function getLibraryPolicy(db: Db, designId: string, policyId: string): Promise<LibraryPolicy> {
  const policy = await loadLibraryPolicy(db, designId, policyId);
  if (policy && isEditable(policy.type)) return { ...policy, type: policy.type };
  if ((await loadQuotaOverrides(db, designId)) === undefined) throw designNotFound(designId);
  throw awsError('NOT_FOUND', 'PolicyNotFoundException', `No policy ${policyId} in design ${designId}.`);
}

/**
 * Validate a draft as CreatePolicy / UpdatePolicy would (the design's size quotas when a design is named, AWS's
 * defaults otherwise) without saving anything; findings carry the line and column of the element they name.
 */
export async function validatePolicyDraft(db: Db, input: ValidatePolicyInput): Promise<ValidatePolicyOutput> {
  let stored: unknown = null;
  if (input.designId !== undefined) {
    stored = await loadQuotaOverrides(db, input.designId);
    if (stored === undefined) throw designNotFound(input.designId);
  }
  const quotas = effectiveQuotas(stored);
  const findings = locateFindings(input.content, validatePolicyContent(input.type, input.content, quotas));
  return {
    findings,
    rejected: findings.some((f) => f.severity === 'error'),
    // Organizations counts every character as submitted, whitespace included (orgs_reference_limits.html).
    size: { characters: input.content.length, quota: quotas.policySizes[input.type] },
  };
}
