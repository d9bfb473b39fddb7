import 'server-only';

// The sample landing zone's Control Tower data: which accounts are enrolled, the names and ids of the aws-guardrails
// SCPs (fixed so the sample is the same on every machine), and the facts its detective controls read, with one
// account left non-compliant on purpose (the Sandbox account's root user has no MFA device).

/** Control Tower data of the sample. */
export const CONTROL_TOWER_SAMPLE = {
  /** Every account in a registered OU (all but the management account and the suspended one). */
  enrolledAccountKeys: ['logArchive', 'audit', 'network', 'sharedServices', 'paymentsProd', 'webProd', 'paymentsNonProd', 'webNonProd', 'sandbox'],
  /** One aws-guardrails SCP per top-level registered OU, in SAMPLE_OUS order (Security, Infrastructure, Workloads, Sandbox). */
  guardrailPolicyAwsIds: ['p-ctgrsecurity1', 'p-ctgrinfrastr1', 'p-ctgrworkload1', 'p-ctgrsandbox01'],
  guardrailPolicyNames: ['aws-guardrails-QmSecR', 'aws-guardrails-TnfRaS', 'aws-guardrails-WkLdPz', 'aws-guardrails-SbXvKo'],
  /** Facts under which every modelled detective control is compliant. */
  compliantFacts: {
    rootMfaEnabled: true, cloudTrailEnabled: true, configEnabled: true, s3AccountPublicAccessBlock: true, ebsDefaultEncryption: true,
    iamPasswordPolicyCompliant: true, unencryptedEbsVolumes: 0, openSshSecurityGroups: 0, openCommonPortSecurityGroups: 0,
    publicReadBuckets: 0, publicWriteBuckets: 0, unattachedEbsVolumes: 0, nonEbsOptimizedInstances: 0, publicRdsInstances: 0,
    publicRdsSnapshots: 0, unencryptedRdsInstances: 0, iamUsersWithoutMfa: 0, unversionedBuckets: 0,
  },
  /** The non-compliant result: AWS-GR_ROOT_ACCOUNT_MFA_ENABLED fails for the Sandbox account. */
  factOverrides: { sandbox: { rootMfaEnabled: false } } as Record<string, Record<string, unknown>>,
};
