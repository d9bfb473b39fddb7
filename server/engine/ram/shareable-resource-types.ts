// The resource types AWS RAM can share, and the rules RAM applies to each, as data.
//
// Source note.
// - Start: /work/shared/data/ram_shareable_resource_types_2023-04.csv (44 type codes, April 2023, derived from
//   github.com/awsdocs/aws-resource-access-manager-user-guide @ 01f545a doc_source/shareable.md), columns
//   share_with_iam_roles_users, share_outside_org, customer_managed_permissions, copied here as flags.
// - Update (2026-12-02): docs.aws.amazon.com/ram/latest/userguide/shareable.html could not be read in full through
//   the documentation search available here (it returned the RAM guide's other pages, not the table). The types
//   marked `since: '2024'` (VPC Lattice service networks, services and resource configurations; Route 53 Profiles;
//   VPC security groups) were added from what the engineer knew of those services' RAM sharing, with the flags
//   believed right, and are NOT verified against shareable.html. Check them, and add whatever else the page lists.
//   Partly checked 2026-12-02: docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html (VPC Lattice's own page, read
//   through the documentation search) says services, resource configurations and service networks are shared through
//   RAM with AWS accounts inside or outside the organization, OUs and the whole organization: this confirms
//   shareOutsideOrganization for the three vpc-lattice types; their IAM-principal and customer-managed flags, and the
//   Route 53 Profiles and security-group rows, are still unverified (shareable.html was not found by the search).
// - Managed permissions (permissions.html, getting-started-terms-and-concepts.html "Managed permission"): every
//   type has an AWS managed default permission named AWSRAMDefaultPermission<Resource>, ARN
//   arn:aws:ram::aws:permission/<name>. Its policy template holds Effect Allow and Actions only; RAM fills in the
//   Principal (the share's principals) and the Resource (each shared resource) when it attaches the policy.
//   The actions are AWS's where the RAM guide states them (`actionsSource: 'doc'`: for ec2:Subnet,
//   getting-started-terms-and-concepts.html lists ec2:RunInstances, ec2:CreateNetworkInterface,
//   ec2:DescribeSubnets); `'inferred'` where they are what the owning service lets participants do with the shared
//   resource, not read from the permission itself (`aws ram get-permission` gives the real template: replace them);
//   otherwise the list is empty (`'unknown'`): the engine then grants nothing for that type, rather than invent it.

/** One shareable resource type and RAM's rules for it. */
export interface ShareableResourceType {
  /** RAM's resource type code, e.g. "ec2:Subnet" (case-insensitive in RAM's API). */
  type: string;
  /** The AWS service, as shareable.html names it. */
  service: string;
  /** The resource, as shareable.html names it. */
  resource: string;
  /** The ARN's service segment and the start of its resource segment, to recognise a resource ARN's type. */
  arn: { service: string; resourcePrefix: string } | null;
  /** Can be shared with individual IAM roles and users. */
  shareWithIamPrincipals: boolean;
  /** Can be shared with accounts outside the owner's organization. */
  shareOutsideOrganization: boolean;
  /** Accepts customer managed permissions. */
  customerManagedPermissions: boolean;
  /** The AWS managed default permission. */
  defaultPermission: ManagedPermission;
  /** Where the type comes from: the 2023 snapshot or a later service page. */
  since: '2023-04' | '2024';
}

/** An AWS RAM managed permission (one version). */
export interface ManagedPermission {
  /** e.g. "AWSRAMDefaultPermissionSubnet". */
  name: string;
  /** arn:aws:ram::aws:permission/<name>. */
  arn: string;
  /** The version designated as default (RAM attaches only the default version to a new share). */
  defaultVersion: number;
  /** The actions the policy template allows. */
  actions: readonly string[];
  /** Where the actions come from (see the source note). */
  actionsSource: 'doc' | 'inferred' | 'unknown';
}

const DOC_SHAREABLE = 'https://docs.aws.amazon.com/ram/latest/userguide/shareable.html';
/** The RAM page that lists the shareable types and their rules. */
export const SHAREABLE_TYPES_DOC = DOC_SHAREABLE;

type Row = [type: string, service: string, resource: string, arn: string | null, iam: 0 | 1, outside: 0 | 1, cmp: 0 | 1, since?: '2024'];

// [type, service, resource, "arnService:resourcePrefix" or null, IAM roles/users, outside org, customer managed, since]
const ROWS: readonly Row[] = [
  ['appmesh:Mesh', 'AWS App Mesh', 'Mesh', 'appmesh:mesh/', 1, 1, 0],
  ['rds:Cluster', 'Amazon Aurora', 'DB clusters', 'rds:cluster:', 0, 1, 0],
  ['acm-pca:CertificateAuthority', 'AWS Private Certificate Authority', 'Private certificate authority (CA)', 'acm-pca:certificate-authority/', 1, 1, 0],
  ['codebuild:Project', 'AWS CodeBuild', 'Project', 'codebuild:project/', 1, 1, 1],
  ['codebuild:ReportGroup', 'AWS CodeBuild', 'Report group', 'codebuild:report-group/', 1, 1, 1],
  ['ec2:CapacityReservation', 'Amazon EC2', 'Capacity reservations', 'ec2:capacity-reservation/', 0, 1, 0],
  ['ec2:DedicatedHost', 'Amazon EC2', 'Dedicated hosts', 'ec2:dedicated-host/', 0, 1, 0],
  ['ec2:PlacementGroup', 'Amazon EC2', 'Placement groups', 'ec2:placement-group/', 1, 1, 0],
  ['imagebuilder:Component', 'EC2 Image Builder', 'Components', 'imagebuilder:component/', 1, 1, 1],
  ['imagebuilder:ContainerRecipe', 'EC2 Image Builder', 'Container recipes', 'imagebuilder:container-recipe/', 1, 1, 1],
  ['imagebuilder:Image', 'EC2 Image Builder', 'Images', 'imagebuilder:image/', 1, 1, 1],
  ['imagebuilder:ImageRecipe', 'EC2 Image Builder', 'Image recipes', 'imagebuilder:image-recipe/', 1, 1, 1],
  ['glue:Catalog', 'AWS Glue', 'Data catalogs', 'glue:catalog', 0, 1, 0],
  ['glue:Database', 'AWS Glue', 'Databases', 'glue:database/', 0, 1, 0],
  ['glue:Table', 'AWS Glue', 'Tables', 'glue:table/', 0, 1, 0],
  ['license-manager:LicenseConfiguration', 'AWS License Manager', 'License configurations', 'license-manager:license-configuration:', 0, 1, 0],
  ['aws-marketplace:Entity', 'AWS Marketplace', 'Marketplace Catalog Entity', null, 1, 1, 0],
  ['refactor-spaces:Environment', 'AWS Migration Hub Refactor Spaces', 'Refactor Spaces Environment', 'refactor-spaces:environment/', 1, 1, 1],
  ['network-firewall:FirewallPolicy', 'AWS Network Firewall', 'Firewall policies', 'network-firewall:firewall-policy/', 1, 1, 0],
  ['network-firewall:StatefulRuleGroup', 'AWS Network Firewall', 'Rule groups', 'network-firewall:stateful-rulegroup/', 1, 1, 0],
  ['network-firewall:StatelessRuleGroup', 'AWS Network Firewall', 'Rule groups', 'network-firewall:stateless-rulegroup/', 1, 1, 0],
  ['outposts:Outpost', 'AWS Outposts', 'Outposts', 'outposts:outpost/', 0, 0, 1],
  ['ec2:LocalGatewayRouteTable', 'AWS Outposts', 'Local gateway route table', 'ec2:local-gateway-route-table/', 0, 0, 0],
  ['outposts:Site', 'AWS Outposts', 'Sites', 'outposts:site/', 0, 1, 0],
  ['s3-outposts:Outpost', 'Amazon S3 on Outposts', 'S3 on Outpost', 's3-outposts:outpost/', 0, 0, 1],
  ['resource-groups:Group', 'AWS Resource Groups', 'Resource groups', 'resource-groups:group/', 0, 1, 0],
  ['route53resolver:FirewallRuleGroup', 'Amazon Route 53', 'Route 53 Resolver DNS Firewall rule groups', 'route53resolver:firewall-rule-group/', 1, 1, 0],
  ['route53resolver:ResolverRule', 'Amazon Route 53', 'Forwarding rules', 'route53resolver:resolver-rule/', 0, 1, 0],
  ['route53resolver:ResolverQueryLogConfig', 'Amazon Route 53', 'Query logs', 'route53resolver:resolver-query-log-config/', 1, 1, 1],
  ['sagemaker:LineageGroup', 'Amazon SageMaker', 'Lineage group', 'sagemaker:lineage-group/', 1, 1, 1],
  ['sagemaker:Pipeline', 'Amazon SageMaker', 'SageMaker pipeline', 'sagemaker:pipeline/', 1, 1, 1],
  ['servicecatalog:Application', 'AWS Service Catalog AppRegistry', 'Application', 'servicecatalog:/applications/', 0, 0, 1],
  ['servicecatalog:AttributeGroup', 'AWS Service Catalog AppRegistry', 'Attribute Group', 'servicecatalog:/attribute-groups/', 0, 0, 1],
  ['ssm-contacts:Contact', 'AWS Systems Manager Incident Manager', 'Contacts', 'ssm-contacts:contact/', 1, 1, 1],
  ['ssm-incidents:ResponsePlan', 'AWS Systems Manager Incident Manager', 'Response plans', 'ssm-incidents:response-plan/', 1, 1, 1],
  ['ec2:CoipPool', 'Amazon VPC', 'Customer-owned IPv4 addresses', 'ec2:coip-pool/', 0, 0, 0],
  ['ec2:IpamPool', 'Amazon VPC', 'IP Address Manager (IPAM) pools', 'ec2:ipam-pool/', 1, 1, 1],
  ['ec2:IpamResourceDiscovery', 'Amazon VPC', 'IP Address Manager (IPAM) resource discoveries', 'ec2:ipam-resource-discovery/', 0, 1, 0],
  ['ec2:PrefixList', 'Amazon VPC', 'Prefix lists', 'ec2:prefix-list/', 0, 1, 0],
  ['ec2:Subnet', 'Amazon VPC', 'Subnets', 'ec2:subnet/', 0, 0, 0],
  ['ec2:TrafficMirrorTarget', 'Amazon VPC', 'Traffic mirror targets', 'ec2:traffic-mirror-target/', 0, 1, 0],
  ['ec2:TransitGateway', 'Amazon VPC', 'Transit gateways', 'ec2:transit-gateway/', 0, 1, 0],
  ['ec2:TransitGatewayMulticastDomain', 'Amazon VPC', 'Transit gateway multicast domains', 'ec2:transit-gateway-multicast-domain/', 0, 1, 0],
  ['networkmanager:CoreNetwork', 'AWS Cloud WAN', 'Cloud WAN core network', 'networkmanager:core-network/', 1, 1, 0],
  ['vpc-lattice:ServiceNetwork', 'Amazon VPC Lattice', 'Service networks', 'vpc-lattice:servicenetwork/', 0, 1, 0, '2024'],
  ['vpc-lattice:Service', 'Amazon VPC Lattice', 'Services', 'vpc-lattice:service/', 0, 1, 0, '2024'],
  ['vpc-lattice:ResourceConfiguration', 'Amazon VPC Lattice', 'Resource configurations', 'vpc-lattice:resourceconfiguration/', 0, 1, 0, '2024'],
  ['route53profiles:Profile', 'Amazon Route 53', 'Route 53 Profiles', 'route53profiles:profile/', 0, 1, 0, '2024'],
  ['ec2:SecurityGroup', 'Amazon VPC', 'Security groups', 'ec2:security-group/', 0, 0, 0, '2024'],
];

// Actions of default permissions, with their source (see the source note). Types not listed grant nothing here.
const DEFAULT_ACTIONS: Readonly<Record<string, { actions: readonly string[]; source: 'doc' | 'inferred' }>> = {
  // getting-started-terms-and-concepts.html, "Managed permission".
  'ec2:Subnet': { actions: ['ec2:RunInstances', 'ec2:CreateNetworkInterface', 'ec2:DescribeSubnets'], source: 'doc' },
  // Inferred: a participant attaches its VPCs to the shared gateway.
  'ec2:TransitGateway': { actions: ['ec2:CreateTransitGatewayVpcAttachment', 'ec2:DescribeTransitGateways'], source: 'inferred' },
  // Inferred: consumers read the list and reference it in security groups and routes (work-with-shared-prefixes.html).
  'ec2:PrefixList': {
    actions: ['ec2:GetManagedPrefixListEntries', 'ec2:GetManagedPrefixListAssociations', 'ec2:DescribeManagedPrefixLists', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:CreateRoute', 'ec2:ReplaceRoute'],
    source: 'inferred',
  },
  // Inferred: recipients associate a shared forwarding rule with their own VPCs.
  'route53resolver:ResolverRule': { actions: ['route53resolver:AssociateResolverRule', 'route53resolver:DisassociateResolverRule', 'route53resolver:GetResolverRule'], source: 'inferred' },
};

function permissionName(type: string): string {
  const [, resource] = type.split(':');
  return `AWSRAMDefaultPermission${resource}`;
}

function toType(row: Row): ShareableResourceType {
  const [type, service, resource, arn, iam, outside, cmp, since] = row;
  const colon = arn?.indexOf(':') ?? -1;
  const name = permissionName(type);
  const actions = DEFAULT_ACTIONS[type];
  return {
    type,
    service,
    resource,
    arn: arn && colon > 0 ? { service: arn.slice(0, colon), resourcePrefix: arn.slice(colon + 1) } : null,
    shareWithIamPrincipals: iam === 1,
    shareOutsideOrganization: outside === 1,
    customerManagedPermissions: cmp === 1,
    defaultPermission: {
      name,
      arn: `arn:aws:ram::aws:permission/${name}`,
      defaultVersion: 1,
      actions: actions?.actions ?? [],
      actionsSource: actions?.source ?? 'unknown',
    },
    since: since ?? '2023-04',
  };
}

/** Every shareable type RAM's rules are known for. */
export const SHAREABLE_RESOURCE_TYPES: readonly ShareableResourceType[] = Object.freeze(ROWS.map(toType));

const BY_LOWER_TYPE = new Map(SHAREABLE_RESOURCE_TYPES.map((entry) => [entry.type.toLowerCase(), entry]));
const BY_PERMISSION_ARN = new Map(SHAREABLE_RESOURCE_TYPES.map((entry) => [entry.defaultPermission.arn, entry]));

/** The shareable type for a RAM type code (case-insensitive, as RAM compares them); undefined when not shareable. */
export function shareableType(type: string): ShareableResourceType | undefined {
  return BY_LOWER_TYPE.get(type.toLowerCase());
}

/** The AWS managed permission with this ARN, and its resource type; undefined when RAM has no such permission here. */
export function managedPermissionByArn(arn: string): { permission: ManagedPermission; type: ShareableResourceType } | undefined {
  const type = BY_PERMISSION_ARN.get(arn);
  return type ? { permission: type.defaultPermission, type } : undefined;
}

/** True for an ARN of a customer managed permission (arn:aws:ram:REGION:ACCOUNT:permission/NAME). */
export function isCustomerManagedPermissionArn(arn: string): boolean {
  return /^arn:aws[\w-]*:ram:[a-z0-9-]+:\d{12}:permission\/[\w+=,.@-]+$/.test(arn);
}

/** The fields of an ARN; null when the text is not an ARN (arn:partition:service:region:account:resource). */
export function splitArn(arn: string): { partition: string; service: string; region: string; account: string; resource: string } | null {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || !parts[1] || !parts[2]) return null;
  const [, partition, service, region, account] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}

/** The shareable type of a resource ARN (by service and resource prefix); undefined when none matches. */
export function shareableTypeOfArn(arn: string): ShareableResourceType | undefined {
  const parts = splitArn(arn);
  if (!parts) return undefined;
  let best: ShareableResourceType | undefined;
  for (const entry of SHAREABLE_RESOURCE_TYPES) {
    if (!entry.arn || entry.arn.service !== parts.service || !parts.resource.startsWith(entry.arn.resourcePrefix)) continue;
    // The longest prefix wins: "transit-gateway-multicast-domain/" over "transit-gateway/" is already distinct, but
    // "image/" and "image-recipe/" both start "image" — prefixes end in "/" or ":", so the longest match is the type.
    if (!best || entry.arn.resourcePrefix.length > best.arn!.resourcePrefix.length) best = entry;
  }
  return best;
}
