// The resource types AWS RAM can share, and the rules RAM applies to each, as data.
//
// Source note (2026-12-02).
// - Rules of the 44 types marked `source: 'awsdocs-2023-04'`: verified row by row against
//   github.com/awsdocs/aws-resource-access-manager-user-guide @ 01f545a (2023-04-21, the repository's last content
//   commit before AWS archived it) doc_source/shareable.md, whose tables have the three columns "Can share with IAM
//   users and roles", "Can share with accounts outside its organization" and "Can use customer managed permissions";
//   /work/shared/data/ram_shareable_resource_types_2023-04.csv is the same table, and test/unit/ram/shareable-data.test.ts
//   checks every flag here against a copy of it (test/fixtures/ram/shareable-2023-04.csv).
// - The current docs.aws.amazon.com/ram/latest/userguide/shareable.html could not be read in full here: the
//   documentation search returns only the page's opening (a translated copy shows the table now has a fourth column,
//   "Can share with service principals": see its own note below). Types added since 2023 come from their own
//   service's sharing page, and only the flags that page states are verified (`verified` lists them):
//     vpc-lattice:* — docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html: accounts inside or outside the
//       organization, OUs, the organization (outside: yes).
//     appsync:Apis — docs.aws.amazon.com/appsync/latest/devguide/sharing-graphql-apis.html: the same three kinds of
//       consumer (outside: yes).
//     route53profiles:Profile — docs.aws.amazon.com/Route53/latest/DeveloperGuide/sharing-profiles.html: "An owner can
//       also create customer managed permissions" (customer managed: yes); it names "Specific AWS accounts" without
//       saying inside or outside, so the outside flag stays unverified.
//     ec2:SecurityGroup — no page read; every flag unverified.
//   Their other flags are the engineer's belief, conservative (No), until shareable.html is read.
// - Changes to 2023-04 rows a later service page states (`updates` names them): acm-pca:CertificateAuthority accepts
//   customer managed permissions (docs.aws.amazon.com/privateca/latest/userguide/pca-cmp.html, "Customer managed
//   permissions in RAM": "AWS Private CA supports RAM customer managed permissions (CMP)").
// - "Can share with service principals" (the fourth column of the current shareable.html). The table itself could
//   not be read here (2026-12-03: the docs and pages corpora return only the page's opening; the awsdocs repository
//   above was archived in 2023-06 with its content removed, and its last content commit predates the column). A type
//   is Yes only where an AWS page states that the type is shared with an AWS service principal through RAM
//   (`SERVICE_PRINCIPAL_TYPES`, each with its page, and then 'shareWithServicePrincipals' is in `verified`):
//     acm-pca:CertificateAuthority — docs.aws.amazon.com/privateca/latest/userguide/connector-for-ad-getting-started-prerequisites.html,
//       "Share your private CA with Connector for AD": "You will need to share your private CA with the connectors
//       service by using AWS Resource Access Manager service principal sharing", with the command
//       `aws ram create-resource-share ... --principals pca-connector-ad.amazonaws.com --sources <account>` (permission
//       AWSRAMBlankEndEntityCertificateAPIPassthroughIssuanceCertificateAuthority, not the default). The Private CA
//       guide's "Set up Connector for SCEP" (Step 3) does the same with pca-connector-scep.amazonaws.com. RAM's
//       `sources` parameter (which accounts the service principal may act from) is not modelled here.
//   Every other type stays No, unverified: a share naming a service principal is refused with InvalidParameterException
//   (RAM's error for a parameter that is not valid; AWS's exact error and message for this case were not found in any
//   corpus here) saying the column is unverified for that type. RAM's API accepts a service principal name such as "service-id.amazonaws.com"
//   (API_ListPrincipals.html) and fills in aws:SourceAccount for it (managed-permission-considerations.html).
// - AWS managed default permissions: names and ARNs from the same repository's tables of default permissions, last
//   published @ 4a13718 (2021-10-05) doc_source/security-ram-permissions.md (earlier doc_source/permissions.md, "AWS
//   RAM provides the following default AWS-managed permissions"; an ARN there for the Image Builder recipes carries a
//   stray "imagebuilder:" and is taken without it); test/fixtures/ram/default-permission-names-2021-10.csv holds that
//   table and the unit test checks every name against it (five types had carried a guessed pattern name until then).
//   Default versions from `aws ram list-permissions` output as published in getmoto/moto moto/ram/models.py (MANAGED_PERMISSIONS, copied from the real service with creation times; Apache-2.0,
//   facts only): AppMesh v3, NetworkManagerCoreNetwork v3, the others listed there v1. Types the 2023 permissions page
//   does not list take the name their own service's page gives where one does (`nameUrl`): sagemaker:Pipeline
//   (sagemaker/latest/dg/build-and-manage-xaccount.html), appsync:Apis (appsync/latest/devguide/merged-api.html: the
//   default is AWSRAMPermissionAppSyncSourceApiOperationAccess), route53profiles:Profile (sharing-profiles.html:
//   AWSRAMPermissionRoute53ProfileAllowAssociation), vpc-lattice:ResourceConfiguration (EventBridge's
//   connection-private-rc-provider.html: AWSRAMPermissionVpcLatticeResourceConfiguration), ec2:IpamPool
//   (vpc/latest/ipam/share-pool-ipam.html: AWSRAMDefaultPermissionsIpamPool); the rest get the name
//   pattern security-ram-permissions.md states ("AWSRAMDefaultPermission" followed by the resource type), marked
//   `nameSource: 'pattern'`, and version 1. The 2023 pattern guess was wrong for all five pages found, so a
//   pattern name is a placeholder, not AWS's.
// - The actions of each AWS managed default permission. Its policy template holds Effect Allow and Actions only
//   (security-ram-permissions.html); RAM fills in the Principal (the share's principals) and the Resource (each shared
//   resource). `actionsSource` and `actionsUrl` say where a list comes from:
//     'doc'         — an AWS page states the default permission's actions: ec2:Subnet
//                     (getting-started-terms-and-concepts.html, "Managed permission", and security-ram-permissions.md
//                     @ 01f545a; the same three actions are the RAM-written policy in the AWS CLI's own example
//                     `aws ram get-resource-policies`, aws/aws-cli awscli/examples/ram/get-resource-policies.rst),
//                     sagemaker:Pipeline (build-and-manage-xaccount.html, "Default read-only permissions"),
//                     appsync:Apis (merged-api.html, "Configuring cross-account Merged APIs using AWS RAM").
//     'service-api' — the owning service's API reference lists the operations a sharing policy for the resource may
//                     grant (Route 53 Resolver PutResolverRulePolicy and PutResolverQueryLogConfigPolicy, Network
//                     Firewall PutResourcePolicy, which "works in conjunction with" RAM). That is the most a share of
//                     the type can grant, read from AWS, not the template itself: no `aws ram get-permission` output
//                     for these defaults was found.
//     'inferred'    — what the owning service's sharing page says consumers may do, turned into actions by the
//                     engineer (transit gateway, prefix list, IPAM pool): no action list was found in any corpus here.
//     'unknown'     — empty: the engine grants nothing for that type rather than invent.
//   The only published `aws ram get-permission` output found (aws/aws-cli awscli/examples/ram/get-permission.rst) is
//   of AWSRAMPermissionGlueTableReadWriteForDatabase, a non-default permission of glue:Database, which this table
//   (defaults only) does not hold.

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
  /** Can be shared with AWS service principals (shareable.html's fourth column: Yes only where an AWS page says so; see the note). */
  shareWithServicePrincipals: boolean;
  /** The AWS page that shows the type shared with a service principal; null when none was found (the flag is then an unverified No). */
  servicePrincipalsUrl: string | null;
  /** The AWS managed default permission. */
  defaultPermission: ManagedPermission;
  /** Where the type's rules come from: the archived 2023-04 shareable.md, or a later service sharing page. */
  source: 'awsdocs-2023-04' | 'service-page';
  /** The flags a source states (all three for the 2023-04 rows; see the source note for the others). */
  verified: readonly ShareableFlag[];
  /** The page that states the rules verified. */
  sourceUrl: string;
  /** Flags of a 2023-04 row that a later service page changed, with that page. */
  updates: readonly { flag: ShareableFlag; value: boolean; url: string }[];
}

/** A rule of shareable.html a type carries. */
export type ShareableFlag = 'shareWithIamPrincipals' | 'shareOutsideOrganization' | 'customerManagedPermissions' | 'shareWithServicePrincipals';

/** Where a managed permission's actions come from: AWS's statement of the template, the service's sharing-policy API, the engineer's reading of a sharing page, or nowhere. */
export type ManagedActionsSource = 'doc' | 'service-api' | 'inferred' | 'unknown';

/** An AWS RAM managed permission (one version). */
export interface ManagedPermission {
  /** e.g. "AWSRAMDefaultPermissionSubnet". */
  name: string;
  /** arn:aws:ram::aws:permission/<name>. */
  arn: string;
  /** The version designated as default (RAM attaches only the default version to a new share). */
  defaultVersion: number;
  /** Where the name comes from: an AWS page (RAM's permissions page or the owning service's), or the naming pattern RAM states (see the source note). */
  nameSource: 'doc' | 'pattern';
  /** The AWS page that names the permission; null when the name follows the pattern. */
  nameUrl: string | null;
  /** The actions the policy template allows. */
  actions: readonly string[];
  /** Where the actions come from (see the source note). */
  actionsSource: ManagedActionsSource;
  /** The page the actions are read from (or, for inferred ones, the page they are inferred from); null when unknown. */
  actionsUrl: string | null;
}

const DOC_SHAREABLE = 'https://docs.aws.amazon.com/ram/latest/userguide/shareable.html';
/** The RAM page that lists the shareable types and their rules. */
export const SHAREABLE_TYPES_DOC = DOC_SHAREABLE;

type Row = [type: string, service: string, resource: string, arn: string | null, iam: 0 | 1, outside: 0 | 1, cmp: 0 | 1, later?: LaterSource];

/** A type added after 2023-04: the service page read and the flags it states. */
interface LaterSource {
  url: string;
  verified: ShareableResourceType['verified'];
}

const LATTICE: LaterSource = { url: 'https://docs.aws.amazon.com/vpc-lattice/latest/ug/sharing.html', verified: ['shareOutsideOrganization'] };

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
  ['vpc-lattice:ServiceNetwork', 'Amazon VPC Lattice', 'Service networks', 'vpc-lattice:servicenetwork/', 0, 1, 0, LATTICE],
  ['vpc-lattice:Service', 'Amazon VPC Lattice', 'Services', 'vpc-lattice:service/', 0, 1, 0, LATTICE],
  ['vpc-lattice:ResourceConfiguration', 'Amazon VPC Lattice', 'Resource configurations', 'vpc-lattice:resourceconfiguration/', 0, 1, 0, LATTICE],
  ['appsync:Apis', 'AWS AppSync', 'GraphQL APIs', 'appsync:apis/', 0, 1, 0, { url: 'https://docs.aws.amazon.com/appsync/latest/devguide/sharing-graphql-apis.html', verified: ['shareOutsideOrganization'] }],
  ['route53profiles:Profile', 'Amazon Route 53', 'Route 53 Profiles', 'route53profiles:profile/', 0, 1, 1, { url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/sharing-profiles.html', verified: ['customerManagedPermissions'] }],
  ['ec2:SecurityGroup', 'Amazon VPC', 'Security groups', 'ec2:security-group/', 0, 0, 0, { url: DOC_SHAREABLE, verified: [] }],
];

// Flags of 2023-04 rows that a later service page changed (see the source note).
const UPDATES: Readonly<Record<string, ShareableResourceType['updates']>> = {
  'acm-pca:CertificateAuthority': [{ flag: 'customerManagedPermissions', value: true, url: 'https://docs.aws.amazon.com/privateca/latest/userguide/pca-cmp.html' }],
};

// Types an AWS page shows shared with an AWS service principal through RAM, with that page (see the source note).
// Every other type is No, unverified: shareable.html's column could not be read here.
const SERVICE_PRINCIPAL_TYPES: Readonly<Record<string, string>> = {
  'acm-pca:CertificateAuthority': 'https://docs.aws.amazon.com/privateca/latest/userguide/connector-for-ad-getting-started-prerequisites.html',
};

const RAM_PERMISSIONS_PAGE = 'https://docs.aws.amazon.com/ram/latest/userguide/permissions.html';
const SAGEMAKER_PIPELINES_SHARING = 'https://docs.aws.amazon.com/sagemaker/latest/dg/build-and-manage-xaccount.html';
const APPSYNC_MERGED_APIS = 'https://docs.aws.amazon.com/appsync/latest/devguide/merged-api.html';

const IPAM_POOL_SHARING = 'https://docs.aws.amazon.com/vpc/latest/ipam/share-pool-ipam.html';
const R53_API = 'https://docs.aws.amazon.com/Route53/latest/APIReference';
const NFW_POLICY_API = 'https://docs.aws.amazon.com/network-firewall/latest/APIReference/API_PutResourcePolicy.html';
const NFW_RULE_GROUP_ACTIONS = ['network-firewall:CreateFirewallPolicy', 'network-firewall:UpdateFirewallPolicy', 'network-firewall:ListRuleGroups'];

// Actions of default permissions, with their source and page (see the source note). Types not listed grant nothing.
const DEFAULT_ACTIONS: Readonly<Record<string, { actions: readonly string[]; source: Exclude<ManagedActionsSource, 'unknown'>; url: string }>> = {
  // AWS's statement of the template ("Managed permission"), and the RAM-written policy in the AWS CLI's example.
  'ec2:Subnet': {
    actions: ['ec2:RunInstances', 'ec2:CreateNetworkInterface', 'ec2:DescribeSubnets'],
    source: 'doc',
    url: 'https://docs.aws.amazon.com/ram/latest/userguide/getting-started-terms-and-concepts.html',
  },
  // "The AWSRAMDefaultPermissionSageMakerPipeline policy allows the following read-only actions".
  'sagemaker:Pipeline': {
    actions: ['sagemaker:DescribePipeline', 'sagemaker:DescribePipelineDefinitionForExecution', 'sagemaker:DescribePipelineExecution', 'sagemaker:ListPipelineExecutions', 'sagemaker:ListPipelineExecutionSteps', 'sagemaker:ListPipelineParametersForExecution', 'sagemaker:Search'],
    source: 'doc',
    url: SAGEMAKER_PIPELINES_SHARING,
  },
  // "This permission set includes the permission for appsync:AssociateMergedGraphqlApi on the source API as well as the
  // appsync:SourceGraphQL permission required to access the source API resources at runtime."
  'appsync:Apis': { actions: ['appsync:AssociateMergedGraphqlApi', 'appsync:SourceGraphQL'], source: 'doc', url: APPSYNC_MERGED_APIS },
  // PutResolverRulePolicy: "You can specify the following operations in the Action section of the statement".
  'route53resolver:ResolverRule': {
    actions: ['route53resolver:GetResolverRule', 'route53resolver:AssociateResolverRule', 'route53resolver:DisassociateResolverRule', 'route53resolver:ListResolverRules', 'route53resolver:ListResolverRuleAssociations'],
    source: 'service-api',
    url: `${R53_API}/API_route53resolver_PutResolverRulePolicy.html`,
  },
  // PutResolverQueryLogConfigPolicy: the same sentence, for query logging configurations.
  'route53resolver:ResolverQueryLogConfig': {
    actions: ['route53resolver:AssociateResolverQueryLogConfig', 'route53resolver:DisassociateResolverQueryLogConfig', 'route53resolver:ListResolverQueryLogConfigs'],
    source: 'service-api',
    url: `${R53_API}/API_route53resolver_PutResolverQueryLogConfigPolicy.html`,
  },
  // Network Firewall PutResourcePolicy: "For a rule group resource, you can specify the following operations".
  'network-firewall:StatefulRuleGroup': { actions: NFW_RULE_GROUP_ACTIONS, source: 'service-api', url: NFW_POLICY_API },
  'network-firewall:StatelessRuleGroup': { actions: NFW_RULE_GROUP_ACTIONS, source: 'service-api', url: NFW_POLICY_API },
  // ... "For a firewall policy resource, you can specify the following operations".
  'network-firewall:FirewallPolicy': {
    actions: ['network-firewall:CreateFirewall', 'network-firewall:UpdateFirewall', 'network-firewall:AssociateFirewallPolicy', 'network-firewall:ListFirewallPolicies'],
    source: 'service-api',
    url: NFW_POLICY_API,
  },
  // Inferred: a participant attaches its VPCs to the shared gateway (transit-gateway-share.html names no actions).
  'ec2:TransitGateway': {
    actions: ['ec2:CreateTransitGatewayVpcAttachment', 'ec2:DescribeTransitGateways'],
    source: 'inferred',
    url: 'https://docs.aws.amazon.com/vpc/latest/tgw/transit-gateway-share.html',
  },
  // Inferred: the page's description of the default ("view the CIDRs and allocations in the shared IPAM pool and
  // allocate/release CIDRs in the pool"), turned into the EC2 actions of those four operations.
  'ec2:IpamPool': {
    actions: ['ec2:GetIpamPoolCidrs', 'ec2:GetIpamPoolAllocations', 'ec2:AllocateIpamPoolCidr', 'ec2:ReleaseIpamPoolAllocation'],
    source: 'inferred',
    url: IPAM_POOL_SHARING,
  },
  // Inferred: "Consumers can view the entries in a shared prefix list, and they can reference a shared prefix list in
  // their AWS resources" (sharing-perms.html), turned into actions here.
  'ec2:PrefixList': {
    actions: ['ec2:GetManagedPrefixListEntries', 'ec2:GetManagedPrefixListAssociations', 'ec2:DescribeManagedPrefixLists', 'ec2:AuthorizeSecurityGroupIngress', 'ec2:AuthorizeSecurityGroupEgress', 'ec2:CreateRoute', 'ec2:ReplaceRoute'],
    source: 'inferred',
    url: 'https://docs.aws.amazon.com/vpc/latest/userguide/sharing-perms.html',
  },
};

// Default permission names and versions where a source gives them (see the source note); others follow the pattern.
// `url` names the page for types RAM's 2023 permissions page does not list (its own entries cite that page).
const DEFAULT_PERMISSIONS: Readonly<Record<string, { name: string; version?: number; url?: string }>> = {
  // "The AWSRAMDefaultPermissionSageMakerPipeline policy allows the following read-only actions".
  'sagemaker:Pipeline': { name: 'AWSRAMDefaultPermissionSageMakerPipeline', url: SAGEMAKER_PIPELINES_SHARING },
  // "AWSRAMPermissionAppSyncSourceApiOperationAccess: The default permission set that's added when sharing an AWS
  // AppSync API in AWS RAM if no other permission is specified".
  'appsync:Apis': { name: 'AWSRAMPermissionAppSyncSourceApiOperationAccess', url: APPSYNC_MERGED_APIS },
  // "the default policy AWSRAMPermissionRoute53ProfileAllowAssociation" (Permissions for owners).
  'route53profiles:Profile': { name: 'AWSRAMPermissionRoute53ProfileAllowAssociation', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/sharing-profiles.html' },
  // "AWSRAMDefaultPermissionsIpamPool: Choose this permission to allow principals to view the CIDRs and allocations in
  // the shared IPAM pool and allocate/release CIDRs in the pool" (note the "s": the pattern guess lacked it).
  'ec2:IpamPool': { name: 'AWSRAMDefaultPermissionsIpamPool', url: IPAM_POOL_SHARING },
  // "By default, creating a AWS RAM resource share includes the necessary share policy,
  // AWSRAMPermissionVpcLatticeResourceConfiguration".
  'vpc-lattice:ResourceConfiguration': { name: 'AWSRAMPermissionVpcLatticeResourceConfiguration', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/connection-private-rc-provider.html' },
  'appmesh:Mesh': { name: 'AWSRAMDefaultPermissionAppMesh', version: 3 },
  'rds:Cluster': { name: 'AWSRAMDefaultPermissionRDSCluster' },
  'acm-pca:CertificateAuthority': { name: 'AWSRAMDefaultPermissionCertificateAuthority' },
  'codebuild:Project': { name: 'AWSRAMDefaultPermissionCodeBuildProject' },
  'codebuild:ReportGroup': { name: 'AWSRAMDefaultPermissionCodeBuildReportGroup' },
  'ec2:CapacityReservation': { name: 'AWSRAMDefaultPermissionCapacityReservation' },
  'ec2:DedicatedHost': { name: 'AWSRAMDefaultPermissionDedicatedHost' },
  'imagebuilder:Component': { name: 'AWSRAMDefaultPermissionImageBuilderComponent' },
  'imagebuilder:Image': { name: 'AWSRAMDefaultPermissionImageBuilderImage' },
  'imagebuilder:ImageRecipe': { name: 'AWSRAMDefaultPermissionImageBuilderImageRecipe' },
  'glue:Catalog': { name: 'AWSRAMDefaultPermissionGlueCatalog' },
  'glue:Database': { name: 'AWSRAMDefaultPermissionGlueDatabase' },
  'glue:Table': { name: 'AWSRAMDefaultPermissionGlueTable' },
  'license-manager:LicenseConfiguration': { name: 'AWSRAMDefaultPermissionLicenseConfiguration' },
  'network-firewall:FirewallPolicy': { name: 'AWSRAMDefaultPermissionNetworkFirewallPolicy' },
  'network-firewall:StatefulRuleGroup': { name: 'AWSRAMDefaultPermissionNetworkFirewallStatefulRuleGroup' },
  'network-firewall:StatelessRuleGroup': { name: 'AWSRAMDefaultPermissionNetworkFirewallStatelessRuleGroup' },
  'imagebuilder:ContainerRecipe': { name: 'AWSRAMDefaultPermissionImageBuilderContainerRecipe' },
  'route53resolver:FirewallRuleGroup': { name: 'AWSRAMDefaultPermissionResolverFirewallRuleGroup' },
  'ssm-contacts:Contact': { name: 'AWSRAMDefaultPermissionSSMContactsContact' },
  'ssm-incidents:ResponsePlan': { name: 'AWSRAMDefaultPermissionSSMIncidentsResponsePlan' },
  's3-outposts:Outpost': { name: 'AWSRAMDefaultPermissionS3Outposts' },
  'outposts:Outpost': { name: 'AWSRAMDefaultPermissionOutpostsOutpost' },
  'resource-groups:Group': { name: 'AWSRAMDefaultPermissionResourceGroup' },
  'route53resolver:ResolverRule': { name: 'AWSRAMDefaultPermissionResolverRule' },
  'route53resolver:ResolverQueryLogConfig': { name: 'AWSRAMDefaultPermissionResolverQueryLogConfig' },
  'ec2:PrefixList': { name: 'AWSRAMDefaultPermissionPrefixList' },
  'ec2:Subnet': { name: 'AWSRAMDefaultPermissionSubnet' },
  'ec2:TrafficMirrorTarget': { name: 'AWSRAMDefaultPermissionTrafficMirror' },
  'ec2:TransitGateway': { name: 'AWSRAMDefaultPermissionTransitGateway' },
  'ec2:LocalGatewayRouteTable': { name: 'AWSRAMDefaultPermissionLocalGateway' },
  'ec2:TransitGatewayMulticastDomain': { name: 'AWSRAMDefaultPermissionTransitGatewayMulticastDomain' },
  'networkmanager:CoreNetwork': { name: 'AWSRAMDefaultPermissionsNetworkManagerCoreNetwork', version: 3 },
};

function permissionName(type: string): { name: string; version: number; nameSource: 'doc' | 'pattern'; nameUrl: string | null } {
  const known = DEFAULT_PERMISSIONS[type];
  if (known) return { name: known.name, version: known.version ?? 1, nameSource: 'doc', nameUrl: known.url ?? RAM_PERMISSIONS_PAGE };
  const [, resource] = type.split(':');
  return { name: `AWSRAMDefaultPermission${resource}`, version: 1, nameSource: 'pattern', nameUrl: null };
}

function toType(row: Row): ShareableResourceType {
  const [type, service, resource, arn, iam, outside, cmp, later] = row;
  const colon = arn?.indexOf(':') ?? -1;
  const { name, version, nameSource, nameUrl } = permissionName(type);
  const actions = DEFAULT_ACTIONS[type];
  const updates = UPDATES[type] ?? [];
  const flag = (name: ShareableFlag, value: boolean) => updates.find((u) => u.flag === name)?.value ?? value;
  return {
    type,
    service,
    resource,
    arn: arn && colon > 0 ? { service: arn.slice(0, colon), resourcePrefix: arn.slice(colon + 1) } : null,
    shareWithIamPrincipals: flag('shareWithIamPrincipals', iam === 1),
    shareOutsideOrganization: flag('shareOutsideOrganization', outside === 1),
    customerManagedPermissions: flag('customerManagedPermissions', cmp === 1),
    shareWithServicePrincipals: type in SERVICE_PRINCIPAL_TYPES,
    servicePrincipalsUrl: SERVICE_PRINCIPAL_TYPES[type] ?? null,
    defaultPermission: {
      name,
      arn: `arn:aws:ram::aws:permission/${name}`,
      defaultVersion: version,
      nameSource,
      nameUrl,
      actions: actions?.actions ?? [],
      actionsSource: actions?.source ?? 'unknown',
      actionsUrl: actions?.url ?? null,
    },
    source: later ? 'service-page' : 'awsdocs-2023-04',
    verified: [
      ...(later ? later.verified : (['shareWithIamPrincipals', 'shareOutsideOrganization', 'customerManagedPermissions'] as const)),
      ...(type in SERVICE_PRINCIPAL_TYPES ? (['shareWithServicePrincipals'] as const) : []),
    ],
    sourceUrl: later?.url ?? DOC_SHAREABLE,
    updates,
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
