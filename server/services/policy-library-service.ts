import 'server-only';
import type { Db } from '../db/client';
import { loadPolicyLibrary, loadQuotaOverrides } from '../db/policy-library';
import { locateFindings } from '../engine/policy/finding-positions';
import { EDITABLE_POLICY_TYPES, type EditablePolicyType } from '../schemas/organizations';
import type { LibraryPolicy, PolicyLibrary, ValidatePolicyInput, ValidatePolicyOutput } from '../schemas/policy-library';
import { designNotFound } from './domain-error';
import { awsError } from './organizations/aws-errors';
import { effectiveQuotas } from './organizations/mutation';
import { validatePolicyContent } from './organizations/policies';

// The policy library (every Organizations policy of a design with its targets) and the editor's live validation:
// the same engine validators CreatePolicy and UpdatePolicy run, with each finding placed on its line in the draft.

const EDITABLE = new Set<string>(EDITABLE_POLICY_TYPES);
const isEditable = (type: string): type is EditablePolicyType => EDITABLE.has(type);

/** Every editable Organizations policy of the design with where it is attached, and the types enabled on the root. */
export async function listPolicyLibrary(db: Db, designId: string): Promise<PolicyLibrary> {
  const library = await loadPolicyLibrary(db, designId);
  if (!library) {
    if ((await loadQuotaOverrides(db, designId)) === undefined) throw designNotFound(designId);
    throw awsError('NOT_FOUND', 'AWSOrganizationsNotInUseException', `Design ${designId} has no organization: create or import one first.`);
  }
  // Types the designer cannot edit yet (declarative, chatbot, ...) stay out of the library rather than half-shown.
  const policies: LibraryPolicy[] = library.policies.flatMap((p) => (isEditable(p.type) ? [{ ...p, type: p.type }] : []));
  return { designId, revision: library.revision, enabledTypes: library.enabledTypes.filter(isEditable), policies };
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
