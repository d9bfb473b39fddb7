// The one reader of the AWS export bundle: the AWS CLI's own output shapes gathered in one JSON document, read into
// the bundle model with everything the AWS APIs would check (shapes, identifier formats, references, uniqueness,
// quotas, every policy document through the engine's validators). Simulate and every import use it, so they
// accept and refuse exactly the same bundles. Each top-level part has its own section reader (sections/).
import { isPlainObject } from '../json-checks';
import { sortDesign } from './canonical-order';
import type { BundleReadContext, BundleSection, TargetKind } from './context';
import type { ControlCatalogue } from './control-catalogue';
import { DocumentChecker } from './document-checks';
import type { InterchangeDesign } from './model';
import { ProblemCollector, type BundleProblem } from './problems';
import { accountsSection } from './sections/accounts';
import { authorizationDetailsSection, isBareAuthorizationDetails } from './sections/authorization-details';
import { controlTowerSection } from './sections/control-tower';
import { delegatedAdministratorsSection } from './sections/delegated-administrators';
import { effectivePoliciesSection } from './sections/effective-policies';
import { handshakesSection } from './sections/handshakes';
import { identityCenterSection } from './sections/identity-center';
import { organizationSection } from './sections/organization';
import { organizationalUnitsSection } from './sections/organizational-units';
import { policiesSection } from './sections/policies';
import { quotaOverridesSection } from './sections/quota-overrides';
import { resourceSharesSection } from './sections/resource-shares';
import { otherOrganizationsSection } from './sections/other-organizations';
import { s3PublicAccessBlocksSection } from './sections/s3-public-access-blocks';
import { vpcEndpointsSection } from './sections/vpc-endpoints';
import { resourcesSection } from './sections/resources';
import { rootsSection } from './sections/roots';
import { ShapeReader } from './shape-reader';

/** The sections in reading order: each may refer to what the ones before it read. */
export const BUNDLE_SECTIONS: readonly BundleSection[] = [
  // First: the quota checks of the later sections read the raised quotas.
  quotaOverridesSection,
  organizationSection,
  rootsSection,
  organizationalUnitsSection,
  accountsSection,
  handshakesSection,
  policiesSection,
  delegatedAdministratorsSection,
  authorizationDetailsSection,
  resourcesSection,
  resourceSharesSection,
  // After every section that adds accounts outside the organization.
  otherOrganizationsSection,
  s3PublicAccessBlocksSection,
  vpcEndpointsSection,
  effectivePoliciesSection,
  identityCenterSection,
  controlTowerSection,
];

/** A bundle read: the model and warnings about data that cannot be kept as given, or every problem found. */
export type BundleReadResult =
  | { ok: true; design: InterchangeDesign; warnings: string[] }
  | { ok: false; problems: BundleProblem[] };

/** An empty design, filled by the sections. */
function emptyDesign(): InterchangeDesign {
  return { organization: null, root: null, ous: [], accounts: [], policies: [], delegatedAdministrators: [], managedPolicies: [], iam: {}, resourcePolicies: [], resourceTags: {} };
}

/**
 * Reads and validates an AWS export bundle (already parsed JSON) into the bundle model, in canonical order. The
 * Control Tower catalogue is needed only when the bundle has a ControlTower section (see load-catalogue.ts).
 */
export function readAwsBundleWith(bundle: unknown, controlCatalogue: ControlCatalogue | undefined): BundleReadResult {
  const problems = new ProblemCollector();
  const read = new ShapeReader(problems);
  if (!isPlainObject(bundle)) {
    read.object(bundle, '$');
    return { ok: false, problems: problems.problems };
  }
  const design = emptyDesign();
  const targets = new Map<string, TargetKind>();
  const knownAccounts = new Set<string>();
  const context: BundleReadContext = {
    top: bundle,
    read,
    problems,
    documents: new DocumentChecker(problems),
    warnings: [],
    design,
    targets,
    controlCatalogue,
    addExternalAccount(accountId) {
      if (targets.get(accountId) === 'ACCOUNT' || knownAccounts.has(accountId)) return;
      knownAccounts.add(accountId);
      design.accounts.push({ accountId, name: accountId, email: null, joinedMethod: 'CREATED', status: 'ACTIVE', joinedAt: null, parentId: null, tags: [] });
    },
  };
  // A bare get-account-authorization-details output (no bundle around it) is read as that section alone.
  if (isBareAuthorizationDetails(bundle)) authorizationDetailsSection.read(context);
  else {
    const sectionKeys = new Set(BUNDLE_SECTIONS.flatMap((section) => section.keys));
    for (const key of Object.keys(bundle)) {
      if (!sectionKeys.has(key)) context.warnings.push(`$.${key}: not a part of the bundle format; ignored`);
    }
    for (const section of BUNDLE_SECTIONS) section.read(context);
  }
  if (problems.problems.length > 0) return { ok: false, problems: problems.problems };
  return { ok: true, design: sortDesign(design), warnings: context.warnings };
}
