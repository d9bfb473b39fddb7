// The Policies list of get-account-authorization-details (ManagedPolicyDetail with its PolicyVersionList): an
// account's customer-managed policies, and the AWS-managed policies used in it. AWS-managed policies exist once but
// every account lists its own snapshot, so accounts exported at different times can list different versions; the
// default version published last (newest CreateDate) is the one AWS applies now, whatever the order of the input.
import type { BundleReadContext } from '../context';
import type { InterchangeManagedPolicy, InterchangePolicyVersion } from '../model';
import type { Json } from '../shape-reader';
import type { DetailList } from './split-by-account';

/** One account's listing of an AWS-managed policy. */
export interface AwsManagedCopy {
  /** The policy as that account lists it. */
  policy: InterchangeManagedPolicy;
  /** The listing account. */
  accountId: string;
}

const byVersionNumber = (a: InterchangePolicyVersion, b: InterchangePolicyVersion) => a.versionId.localeCompare(b.versionId, 'en', { numeric: true });

/** Reads one account's Policies list: customer-managed policies into `customer`, AWS-managed listings into `awsCopies`. */
export function readManagedPolicies(
  context: BundleReadContext, details: Json, path: string, accountId: string,
  customer: Map<string, InterchangeManagedPolicy>, awsCopies: Map<string, AwsManagedCopy[]>,
  locate: (list: DetailList, index: number) => string = (list, index) => `${path}.${list}[${index}]`,
): void {
  const { read, problems, documents } = context;
  read.array(details.Policies, `${path}.Policies`).forEach((entry, i) => {
    const p = locate('Policies', i);
    const item = read.object(entry, p);
    if (!item) return;
    const arn = read.string(item.Arn, `${p}.Arn`);
    const name = read.string(item.PolicyName, `${p}.PolicyName`);
    const versionList = read.array(item.PolicyVersionList, `${p}.PolicyVersionList`, true);
    if (!arn || !name) return;
    const fields = arn.split(':');
    const scope = fields[4] === 'aws' ? 'AWS' : 'LOCAL';
    if (fields.length < 6 || fields[0] !== 'arn' || fields[2] !== 'iam' || (scope === 'LOCAL' && fields[4] !== accountId)) {
      problems.add(`${p}.Arn`, `"${arn}" is neither an AWS-managed policy ARN nor a policy of account ${accountId}`);
      return;
    }
    const versions: InterchangePolicyVersion[] = [];
    versionList.forEach((versionEntry, v) => {
      const vp = `${p}.PolicyVersionList[${v}]`;
      const version = read.object(versionEntry, vp);
      if (!version) return;
      const versionId = read.string(version.VersionId, `${vp}.VersionId`);
      const document = read.document(version.Document, `${vp}.Document`);
      const createDate = read.timestamp(version.CreateDate, `${vp}.CreateDate`);
      if (!versionId || document === undefined) return;
      if (versions.some((existing) => existing.versionId === versionId)) problems.add(`${vp}.VersionId`, `duplicate version "${versionId}"`);
      // The 6,144-character quota binds customer-managed policies only (reference_iam-quotas.html).
      documents.iam(`${vp}.Document`, `managed policy ${arn} ${versionId}`, document, 'IDENTITY', 'managed', scope === 'AWS');
      versions.push({ versionId, document, isDefault: version.IsDefaultVersion === true, createDate });
    });
    const defaults = versions.filter((v) => v.isDefault).length;
    if (defaults !== 1) problems.add(`${p}.PolicyVersionList`, `exactly one version must have IsDefaultVersion true, found ${defaults}`);
    const policy: InterchangeManagedPolicy = {
      arn,
      name,
      path: read.optionalString(item.Path, `${p}.Path`) ?? '/',
      policyId: read.optionalString(item.PolicyId, `${p}.PolicyId`) ?? null,
      description: read.optionalString(item.Description, `${p}.Description`) ?? '',
      scope,
      accountId: scope === 'AWS' ? null : accountId,
      versions: versions.sort(byVersionNumber),
    };
    if (scope === 'AWS') {
      const copies = awsCopies.get(arn) ?? [];
      copies.push({ policy, accountId });
      awsCopies.set(arn, copies);
    } else if (customer.has(arn)) problems.add(`${p}.Arn`, `policy ${arn} is listed twice`, 'EntityAlreadyExistsException');
    else customer.set(arn, policy);
  });
}

/** Orders listings by their default version: CreateDate, then version number, then text (so ties never depend on order). */
function newerDefault(a: InterchangeManagedPolicy, b: InterchangeManagedPolicy): number {
  const da = a.versions.find((v) => v.isDefault);
  const db = b.versions.find((v) => v.isDefault);
  if (!da || !db) return da ? 1 : db ? -1 : 0;
  const dates = (da.createDate ?? '').localeCompare(db.createDate ?? '');
  if (dates !== 0) return dates;
  const numbers = byVersionNumber(da, db);
  if (numbers !== 0) return numbers;
  const texts = JSON.stringify(a.versions);
  const textsB = JSON.stringify(b.versions);
  return texts < textsB ? -1 : texts > textsB ? 1 : 0;
}

/** One policy per AWS-managed ARN: the listing whose default version is newest; a warning when listings differ. */
export function resolveAwsManagedPolicies(awsCopies: Map<string, AwsManagedCopy[]>, warnings: string[]): InterchangeManagedPolicy[] {
  const resolved: InterchangeManagedPolicy[] = [];
  for (const [arn, copies] of [...awsCopies].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (copies.length === 1) {
      resolved.push(copies[0].policy);
      continue;
    }
    // Each listing is serialised once: accounts usually list the same AWS-managed policy identically (tens of KB
    // each), and comparing texts pairwise dominated reading a bundle.
    const listings = copies.map((copy) => ({ copy, text: JSON.stringify(copy.policy) }));
    const newest = listings.reduce((best, listing) => (listing.text !== best.text && newerDefault(listing.copy.policy, best.copy.policy) > 0 ? listing : best)).copy;
    resolved.push(newest.policy);
    const distinct = new Set(listings.map((listing) => listing.text));
    if (distinct.size > 1) {
      const kept = newest.policy.versions.find((v) => v.isDefault);
      const accounts = [...new Set(copies.map((copy) => copy.accountId))].sort().join(', ');
      warnings.push(`AWS-managed policy ${arn} is listed differently by accounts ${accounts}; the default version published last is kept: ${kept?.versionId ?? '?'}${kept?.createDate ? ` of ${kept.createDate}` : ''}`);
    }
  }
  return resolved;
}
