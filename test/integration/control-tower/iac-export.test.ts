// A Control Tower landing zone in the IaC exports, on a real database. Terraform: the AWS provider's registry pages for
// aws_controltower_landing_zone (manifest_json, version), aws_controltower_baseline (baseline_identifier,
// baseline_version, target_identifier) and aws_controltower_control (control_identifier, target_identifier,
// parameters { key, value } with value as JSON). CloudFormation: AWS::ControlTower::LandingZone (Manifest, Version),
// AWS::ControlTower::EnabledBaseline and AWS::ControlTower::EnabledControl (ControlIdentifier, TargetIdentifier,
// Parameters [{Key, Value}]) in the CloudFormation template reference. EnableControl takes only strongly recommended
// and elective controls (https://docs.aws.amazon.com/controltower/latest/APIReference/API_EnableControl.html); the
// Region deny cannot be set through the APIs (https://docs.aws.amazon.com/controltower/latest/userguide/lz-api-launch.html).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InterchangeDesign } from '../../../server/db/import-export-model';
import { enableControl, registerOrganizationalUnit, setUpLandingZone } from '../../../server/services/control-tower/landing-zone';
import { exportDesign, readDesign } from '../../../server/services/interchange/interchange-service';
import { designToCloudFormation } from '../../../server/services/interchange/write-cloudformation';
import { createOrganizationalUnit, setQuotaOverrides } from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { newDesign, Revision } from '../organizations/helpers';

// Exports are untyped JSON: the tests walk them as such.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

const db = createTestDb();
afterAll(() => db.$disconnect());

const OU_REGION_DENY = 'arn:aws:controlcatalog:::control/ka8e3pkqefnjsxuyc26ji580';
const SECURITY = 'Security ${file("/etc/passwd")} %{if true}x%{endif}';
let designId: string;
let design: InterchangeDesign;
let workloads: string;

beforeAll(async () => {
  const d = await newDesign(db, 'ct iac');
  designId = d.designId;
  const rev = new Revision();
  const base = () => rev.base(designId);
  rev.took(await setQuotaOverrides(db, { ...base(), overrides: { organization: { defaultMaxAccounts: 50 } } }));
  rev.took(await setUpLandingZone(db, {
    ...base(), version: '3.3', homeRegion: 'eu-west-1', governedRegions: ['eu-west-1', 'eu-central-1'], regionDeny: true, securityOuName: SECURITY,
    logArchive: { accountName: 'Log Archive', email: `log-${designId}@example.com` },
    audit: { accountName: 'Audit', email: `audit-${designId}@example.com` },
  }));
  const root = await db.root.findFirstOrThrow({ where: { organization: { designId } }, select: { id: true } });
  const created = rev.took(await createOrganizationalUnit(db, { ...base(), parentId: root.id, name: 'Workloads' }));
  workloads = created.ou.awsId;
  rev.took(await registerOrganizationalUnit(db, { ...base(), ouId: workloads }));
  rev.took(await enableControl(db, { ...base(), controlIdentifier: OU_REGION_DENY, targetIdentifier: workloads, parameters: [{ key: 'AllowedRegions', value: ['eu-west-1'] }] }));
  const sandbox = await db.organizationalUnit.findFirstOrThrow({ where: { root: { organization: { designId } }, name: 'Sandbox' }, select: { awsId: true } });
  rev.took(await enableControl(db, { ...base(), controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER', targetIdentifier: sandbox.awsId }));
  design = (await readDesign(db, designId)).design;
});

describe('Control Tower in the Terraform export', () => {
  it('declares the landing zone, the extra registration and the optional controls, escaping templates, and no guardrail SCP', async () => {
    const tf = (await exportDesign(db, designId, 'terraform')).document as Loose;
    const resources = tf.resource;
    const lz = resources.aws_controltower_landing_zone.this;
    expect(lz.version).toBe('3.3');
    // The Security OU's name reaches the manifest as literal text: "${" and "%{" written "$${" and "%%{".
    expect(lz.manifest_json).toContain('Security $${file(\\"/etc/passwd\\")} %%{if true}x%%{endif}');
    // The Log Archive and Audit accounts the export creates are interpolated from their resources, not named by id.
    const accountRef = (id: string) => `\${aws_organizations_account.account_${id}.id}`;
    const logArchive = design.controlTower!.logArchiveAccountId!;
    const audit = design.controlTower!.auditAccountId!;
    expect(resources.aws_organizations_account[`account_${logArchive}`]).toBeDefined();
    expect(lz.manifest_json).toContain(`"accountId":"${accountRef(logArchive)}"`);
    expect(lz.manifest_json).toContain(`"accountId":"${accountRef(audit)}"`);
    expect(lz.manifest_json).not.toContain(`"${logArchive}"`);
    const manifest = JSON.parse(lz.manifest_json.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
    expect(manifest).toMatchObject({
      governedRegions: ['eu-west-1', 'eu-central-1'],
      organizationStructure: { security: { name: SECURITY }, sandbox: { name: 'Sandbox' } },
      centralizedLogging: { accountId: accountRef(logArchive), enabled: true },
      securityRoles: { accountId: accountRef(audit) },
      accessManagement: { enabled: true },
    });
    const ouName = `ou_${workloads.replace(/^ou-/, '')}`;
    expect(resources.aws_organizations_organizational_unit[ouName].name).toBe('Workloads');
    expect(Object.keys(resources.aws_controltower_baseline)).toEqual([ouName]);
    expect(resources.aws_controltower_baseline[ouName]).toEqual({
      baseline_identifier: 'arn:aws:controltower:eu-west-1::baseline/17BSJV3IGJ2QSGA2', baseline_version: '4.0',
      target_identifier: `\${aws_organizations_organizational_unit.${ouName}.arn}`, depends_on: ['aws_controltower_landing_zone.this'],
    });
    const controls = Object.values(resources.aws_controltower_control) as Loose[];
    expect(controls).toHaveLength(2);
    expect(controls.find((c) => c.control_identifier === OU_REGION_DENY)).toEqual({
      control_identifier: OU_REGION_DENY,
      target_identifier: `\${aws_organizations_organizational_unit.${ouName}.arn}`,
      parameters: [{ key: 'AllowedRegions', value: '["eu-west-1"]' }],
      depends_on: [`aws_controltower_baseline.${ouName}`],
    });
    expect(controls.find((c) => c.control_identifier !== OU_REGION_DENY)!.depends_on).toEqual(['aws_controltower_landing_zone.this']);
    const policies = Object.values(resources.aws_organizations_policy ?? {}) as Loose[];
    expect(policies.some((p) => String(p.name).startsWith('aws-guardrails-'))).toBe(false);
    expect(design.policies.some((p) => p.name.startsWith('aws-guardrails-'))).toBe(true);
    expect(tf['//']).toContain('AWS-GR_REGION_DENY');
  });
});

describe('Control Tower in the CloudFormation export', () => {
  it('declares the landing zone with its accounts referenced, the registration and the controls; refuses a dynamic reference in a parameter', async () => {
    const template = (await exportDesign(db, designId, 'cloudformation')).document as Loose;
    const resources = template.Resources as Record<string, Loose>;
    const lz = resources.LandingZone;
    expect(lz.Type).toBe('AWS::ControlTower::LandingZone');
    expect(lz.Properties.Version).toBe('3.3');
    const logArchive = lz.Properties.Manifest.centralizedLogging.accountId;
    expect(resources[logArchive.Ref]).toMatchObject({ Type: 'AWS::Organizations::Account', Properties: { AccountName: 'Log Archive' } });
    expect(resources[lz.Properties.Manifest.securityRoles.accountId.Ref].Properties.AccountName).toBe('Audit');
    expect(lz.Properties.Manifest.organizationStructure.security.name).toBe(SECURITY);
    const ouLogical = `Ou${workloads.replace(/^ou-/, '').replace(/[^A-Za-z0-9]/g, '')}`;
    const registrations = Object.entries(resources).filter(([, r]) => r.Type === 'AWS::ControlTower::EnabledBaseline');
    expect(registrations).toHaveLength(1);
    expect(registrations[0][1]).toMatchObject({ DependsOn: ['LandingZone'], Properties: { TargetIdentifier: { 'Fn::GetAtt': [ouLogical, 'Arn'] }, BaselineVersion: '4.0' } });
    const controls = Object.values(resources).filter((r) => r.Type === 'AWS::ControlTower::EnabledControl');
    expect(controls).toHaveLength(2);
    expect(controls.find((c) => c.Properties.ControlIdentifier === OU_REGION_DENY)).toEqual({
      Type: 'AWS::ControlTower::EnabledControl',
      DependsOn: [registrations[0][0]],
      Properties: { ControlIdentifier: OU_REGION_DENY, TargetIdentifier: { 'Fn::GetAtt': [ouLogical, 'Arn'] }, Parameters: [{ Key: 'AllowedRegions', Value: ['eu-west-1'] }] },
    });
    for (const resource of Object.values(resources)) {
      for (const dependency of resource.DependsOn ?? []) expect(resources[dependency], dependency).toBeDefined();
      if (resource.Type === 'AWS::Organizations::Policy') expect(resource.Properties.Name.startsWith('aws-guardrails-')).toBe(false);
    }
    expect(template.Metadata.Lzsim.Notes.join(' ')).toContain('Region deny');

    const tampered = structuredClone(design);
    tampered.controlTower!.enabledControls.find((c) => c.controlIdentifier === OU_REGION_DENY)!.parameters = [{ key: 'ExemptedPrincipalArns', value: ['{{resolve:ssm:/admin-role}}'] }];
    expect(() => designToCloudFormation(tampered, 'tampered')).toThrow(/"\{\{resolve:" at \$\.Resources\.Control[A-Za-z0-9]+\.Properties\.Parameters\[0\]\.Value\[0\]/);
  });
});
