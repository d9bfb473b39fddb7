// AWS export bundle -> a folder of raw AWS CLI outputs, the layout read-cli-folder.ts reads (README "Import and
// export formats"): one file per CLI command as the command prints it, so `lzsim import FOLDER` gives the design back,
// and a folder exported here can be compared file by file with one gathered from a live organization. Only what
// the AWS CLI prints is written, plus lzsim-quota-overrides.json: the quotas the design raised, which no AWS CLI command
// prints (lzsim's own file, README "Import and export formats"). The history stays in the app.
import 'server-only';
import { controlTowerToCliFiles } from './control-tower-cli-files';
import { identityCenterToCliFiles } from './identity-center-cli-files';

type Json = Record<string, unknown>;

/** lzsim's own file in the folder: the design's raised quotas (no AWS CLI command prints them). */
export const QUOTA_OVERRIDES_FILE = 'lzsim-quota-overrides.json';

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);
/** Formatted as the AWS CLI prints JSON (four-space indent, a final newline). */
const cliJson = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;
/** A file name from an AWS identifier: ids never hold "/", but an ARN's last segment is taken to be safe. */
const lastSegment = (id: string) => id.slice(id.lastIndexOf('/') + 1);

/** The folder's files (path relative to the folder, "/"-separated -> text) for a bundle. */
export function bundleToCliFiles(bundle: Json): Record<string, string> {
  const files: Record<string, string> = {};
  const at = (relative: string, value: unknown) => {
    files[relative] = cliJson(value);
  };
  if (isObject(bundle.Organization)) at('describe-organization.json', { Organization: bundle.Organization });
  if (Array.isArray(bundle.Roots) && bundle.Roots.length > 0) at('list-roots.json', { Roots: bundle.Roots });
  // One flattened list whose entries carry ParentId (the reader's alternative to one file per parent).
  if (isObject(bundle.Organization)) {
    at('organizational-units.json', { OrganizationalUnits: objects(bundle.OrganizationalUnits) });
    at('list-accounts.json', { Accounts: objects(bundle.Accounts) });
  }

  const byType = new Map<string, Json[]>();
  for (const policy of objects(bundle.Policies)) {
    const summary = isObject(policy.PolicySummary) ? policy.PolicySummary : {};
    const id = String(summary.Id);
    byType.set(String(summary.Type), [...(byType.get(String(summary.Type)) ?? []), summary]);
    at(`describe-policy/${lastSegment(id)}.json`, { Policy: { PolicySummary: summary, Content: policy.Content } });
    at(`list-targets-for-policy/${lastSegment(id)}.json`, { Targets: objects(policy.Targets) });
  }
  for (const [type, summaries] of byType) at(`list-policies/${type}.json`, { Policies: summaries });

  if (isObject(bundle.AuthorizationDetails)) {
    for (const [accountId, details] of Object.entries(bundle.AuthorizationDetails)) at(`authorization-details/${lastSegment(accountId)}.json`, details);
  }
  if (Array.isArray(bundle.EnabledServicePrincipals)) at('list-aws-service-access-for-organization.json', { EnabledServicePrincipals: bundle.EnabledServicePrincipals });
  const delegated = objects(bundle.DelegatedAdministrators);
  if (isObject(bundle.Organization)) {
    const services = new Map<string, Json[]>();
    for (const d of delegated) services.set(String(d.AccountId), [...(services.get(String(d.AccountId)) ?? []), { ServicePrincipal: d.ServicePrincipal }]);
    at('list-delegated-administrators.json', { DelegatedAdministrators: [...services.keys()].map((Id) => ({ Id })) });
    for (const [accountId, list] of services) at(`list-delegated-services-for-account/${accountId}.json`, { DelegatedServices: list });
  }
  if (Array.isArray(bundle.ResourcePolicies) && bundle.ResourcePolicies.length > 0) at('resource-policies.json', { ResourcePolicies: bundle.ResourcePolicies });
  if (isObject(bundle.ResourceTags) && Object.keys(bundle.ResourceTags).length > 0) at('resource-tags.json', { ResourceTags: bundle.ResourceTags });
  if (isObject(bundle.S3AccountPublicAccessBlocks)) {
    for (const [accountId, output] of Object.entries(bundle.S3AccountPublicAccessBlocks)) at(`s3control/get-public-access-block/${lastSegment(accountId)}.json`, output);
  }
  if (isObject(bundle.VpcEndpoints)) {
    for (const [accountId, output] of Object.entries(bundle.VpcEndpoints)) at(`ec2/describe-vpc-endpoints/${lastSegment(accountId)}.json`, output);
  }
  if (isObject(bundle.OtherOrganizations)) {
    // What describe-organization prints in that account, as far as the design knows it: the organization's id.
    for (const [accountId, organizationId] of Object.entries(bundle.OtherOrganizations)) at(`other-organizations/${lastSegment(accountId)}.json`, { Organization: { Id: organizationId } });
  }
  if (Array.isArray(bundle.Handshakes) && bundle.Handshakes.length > 0) at('list-handshakes-for-organization.json', { Handshakes: bundle.Handshakes });
  Object.assign(files, ramFiles(bundle), ramPermissionFiles(bundle));
  if (isObject(bundle.IdentityCenter)) Object.assign(files, identityCenterToCliFiles(bundle.IdentityCenter));
  if (isObject(bundle.ControlTower)) Object.assign(files, controlTowerToCliFiles(bundle.ControlTower));
  if (isObject(bundle.LzsimQuotaOverrides)) at(QUOTA_OVERRIDES_FILE, { LzsimQuotaOverrides: bundle.LzsimQuotaOverrides });
  return files;
}

/** ram/get-permission/NAME-vN.json: `aws ram get-permission --permission-arn ARN --permission-version N` per version. */
function ramPermissionFiles(bundle: Json): Record<string, string> {
  const files: Record<string, string> = {};
  if (!isObject(bundle.RamPermissions)) return files;
  for (const [arn, versions] of Object.entries(bundle.RamPermissions)) {
    for (const permission of objects(versions)) files[`ram/get-permission/${lastSegment(arn)}-v${String(permission.version)}.json`] = cliJson({ permission });
  }
  return files;
}

/** The ram/ files of the bundle's RAM sections (none when it shares nothing). */
function ramFiles(bundle: Json): Record<string, string> {
  const shares = objects(bundle.ResourceShares);
  if (shares.length === 0) return {};
  const associations = objects(bundle.ResourceShareAssociations);
  const files: Record<string, string> = {
    'ram/get-resource-shares.json': cliJson({ resourceShares: shares }),
    'ram/list-resources.json': cliJson({ resources: objects(bundle.ResourceShareResources) }),
    'ram/get-resource-share-associations-principal.json': cliJson({ resourceShareAssociations: associations.filter((a) => a.associationType === 'PRINCIPAL') }),
    'ram/get-resource-share-associations-resource.json': cliJson({ resourceShareAssociations: associations.filter((a) => a.associationType !== 'PRINCIPAL') }),
    'ram/get-resource-share-invitations.json': cliJson({ resourceShareInvitations: objects(bundle.ResourceShareInvitations) }),
  };
  if (isObject(bundle.ResourceSharePermissions)) {
    for (const [arn, permissions] of Object.entries(bundle.ResourceSharePermissions)) {
      files[`ram/list-resource-share-permissions/${lastSegment(arn)}.json`] = cliJson({ permissions });
    }
  }
  return files;
}
