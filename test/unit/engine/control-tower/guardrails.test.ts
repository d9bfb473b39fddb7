import { describe, expect, it } from 'vitest';
import { guardrailContent, guardrailPolicyName, guardrailStatements, packGuardrailEc2Policy, packGuardrailPolicies, statementControlsOf } from '@/server/engine/control-tower/guardrails';
import { MANDATORY_CONTROLS } from '@/server/engine/control-tower/catalog';

// Exemptions. AWS states them in each control's artifact, not in a page of their own:
// - https://docs.aws.amazon.com/controltower/latest/controlreference/mandatory-controls.html prints every mandatory SCP
//   with "Condition": {"ArnNotLike": {"aws:PrincipalARN": "arn:aws:iam::*:role/AWSControlTowerExecution"}};
// - the same page, #iam-disallow-changes ("Disallow Changes to IAM Roles Set Up by AWS Control Tower"), gives the updated
//   artifact that also exempts arn:aws:iam::*:role/stacksets-exec-* ("Allows the stacksets-exec-* role (owned by AWS
//   CloudFormation) to perform actions on IAM roles that were created by AWS Control Tower") and protects those roles;
// - strongly-recommended-controls.html#disallow-root-auser-actions (and the other root-user and network controls)
//   print artifacts with no exemption at all: the execution role is denied like any principal there;
// - controlreference/control-parameter-concepts.html: ExemptedPrincipalArns adds the customer's own exemptions.
// Region deny: userguide/region-deny.html and ou-region-deny.html (AllowedRegions, ExemptedActions, ExemptedPrincipalArns).

const mandatory = MANDATORY_CONTROLS.map((control) => ({ controlIdentifier: control.arn }));

describe('guardrailStatements', () => {
  it('deploys each mandatory SCP statement once, naming the control, and lists none as unevaluated', () => {
    const { statements, unevaluated } = guardrailStatements(mandatory, { governedRegions: ['eu-west-1'], regionDeny: false });
    expect(unevaluated).toEqual([]);
    // 20 mandatory SCP controls; the four CloudTrail ones share one statement and the two Config ones another.
    expect(statements).toHaveLength(16);
    const cloudtrail = statements.find((s) => s.origin.identifier === 'AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED')!;
    expect(cloudtrail.alsoEnforces.sort()).toEqual(['AWS-GR_CLOUDTRAIL_CLOUDWATCH_LOGS_ENABLED', 'AWS-GR_CLOUDTRAIL_ENABLED', 'AWS-GR_CLOUDTRAIL_VALIDATION_ENABLED']);
    for (const { statement } of statements) expect(JSON.stringify(statement)).toContain('AWSControlTowerExecution');
  });

  it('exempts exactly the roles each mandatory artifact exempts: AWSControlTowerExecution, and stacksets-exec-* for the IAM role control', () => {
    const { statements } = guardrailStatements(mandatory, { governedRegions: ['eu-west-1'], regionDeny: false });
    const exemptedBy = (identifier: string) => {
      const statement = statements.find((s) => s.origin.identifier === identifier || s.alsoEnforces.includes(identifier))!.statement;
      const condition = statement.Condition as Record<string, Record<string, string | string[]>>;
      const value = condition.ArnNotLike?.['aws:PrincipalARN'] ?? condition.ArnNotLike?.['aws:PrincipalArn'];
      return [value].flat().sort();
    };
    expect(exemptedBy('AWS-GR_IAM_ROLE_CHANGE_PROHIBITED')).toEqual(['arn:aws:iam::*:role/AWSControlTowerExecution', 'arn:aws:iam::*:role/stacksets-exec-*']);
    for (const identifier of ['AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED', 'AWS-GR_LAMBDA_CHANGE_PROHIBITED', 'AWS-GR_SNS_CHANGE_PROHIBITED', 'AWS-GR_CLOUDWATCH_EVENTS_CHANGE_PROHIBITED']) {
      expect(exemptedBy(identifier)).toEqual(['arn:aws:iam::*:role/AWSControlTowerExecution']);
    }
    const root = guardrailStatements([{ controlIdentifier: 'AWS-GR_RESTRICT_ROOT_USER' }], { governedRegions: ['eu-west-1'], regionDeny: false }).statements[0].statement;
    expect(JSON.stringify(root)).not.toContain('AWSControlTowerExecution');
  });

  it('fills the governed regions into the landing-zone Region deny and builds the OU Region deny from its parameters', () => {
    const lz = guardrailStatements([], { governedRegions: ['eu-west-1', 'eu-central-1'], regionDeny: true }).statements;
    expect(lz).toHaveLength(1);
    expect((lz[0].statement.Condition as Record<string, unknown>).StringNotEquals).toEqual({ 'aws:RequestedRegion': ['eu-west-1', 'eu-central-1'] });
    const ou = guardrailStatements([{
      controlIdentifier: 'CT.MULTISERVICE.PV.1',
      parameters: [
        { key: 'AllowedRegions', value: ['eu-west-1'] },
        { key: 'ExemptedActions', value: ['logs:StartQuery'] },
        { key: 'ExemptedPrincipalArns', value: ['arn:aws:iam::*:role/ReadOnly'] },
      ],
    }], { governedRegions: ['eu-west-1'], regionDeny: false }).statements[0];
    expect(ou.origin.identifier).toBe('CT.MULTISERVICE.PV.1');
    expect(ou.statement.Sid).toBe('CTMULTISERVICEPV1');
    expect(ou.statement.NotAction).toContain('logs:StartQuery');
    expect((ou.statement.Condition as Record<string, Record<string, unknown>>).ArnNotLike['aws:PrincipalARN'])
      .toEqual(['arn:aws:iam::*:role/AWSControlTowerExecution', 'arn:aws:iam::*:role/ReadOnly']);
  });

  it('deploys an RCP control as an RCP statement with the organization filled in, and its exemptions when configured', () => {
    // controlreference/list-of-rcp-controls.html (CT.S3.PV.4): "AWS Control Tower populates the template RCP with the ID
    // of the organization"; ExemptedPrincipalArns adds ArnNotLike aws:PrincipalArn (control-parameter-concepts.html).
    const s3 = 'arn:aws:controlcatalog:::control/7oo9e9bcs8ilm6ekoxu322yb3';
    const { statements, resourceStatements, unevaluated } = guardrailStatements([{ controlIdentifier: s3 }], { governedRegions: [], regionDeny: false, organizationId: 'o-abcdef1234' });
    expect(statements).toEqual([]);
    expect(unevaluated).toEqual([]);
    expect(resourceStatements).toHaveLength(1);
    expect(resourceStatements[0].origin.identifier).toBe('CT.S3.PV.4');
    expect(resourceStatements[0].statement).toEqual({
      Sid: 'CTS3PV4', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*',
      Condition: { BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' }, StringNotEqualsIfExists: { 'aws:PrincipalOrgID': ['o-abcdef1234'] } },
    });
    const exempted = guardrailStatements([{ controlIdentifier: 'CT.S3.PV.4', parameters: [{ key: 'ExemptedPrincipalArns', value: ['arn:aws:iam::*:role/Partner'] }] }],
      { governedRegions: [], regionDeny: false, organizationId: 'o-abcdef1234' }).resourceStatements[0].statement;
    expect((exempted.Condition as Record<string, unknown>).ArnNotLike).toEqual({ 'aws:PrincipalArn': ['arn:aws:iam::*:role/Partner'] });
    // Without the organization's id the RCP cannot be written: listed, not evaluated, with the reason.
    const noOrg = guardrailStatements([{ controlIdentifier: s3 }], { governedRegions: [], regionDeny: false });
    expect(noOrg.resourceStatements).toEqual([]);
    expect(noOrg.unevaluated[0].reason).toContain('organization');
  });

  it('fills the newer SCP controls\' templates: NotResource for exempted resources, exempted principals inside an existing list', () => {
    const sse = guardrailStatements([{ controlIdentifier: 'CT.S3.PV.6', parameters: [{ key: 'ExemptedResourceArns', value: ['arn:aws:s3:::logs/*'] }] }],
      { governedRegions: [], regionDeny: false, organizationId: 'o-abcdef1234' }).resourceStatements[0].statement;
    expect(sse.NotResource).toEqual(['arn:aws:s3:::logs/*']);
    expect(sse.Resource).toBeUndefined();
    const lambda = (parameters: { key: string; value: unknown }[]) =>
      guardrailStatements([{ controlIdentifier: 'CT.LAMBDA.PV.2', parameters }], { governedRegions: [], regionDeny: false }).statements[0].statement;
    const arnNotLike = (statement: Record<string, unknown>) => (statement.Condition as Record<string, Record<string, unknown>>).ArnNotLike['aws:PrincipalArn'];
    expect(arnNotLike(lambda([]))).toEqual(['arn:*:iam::*:role/AWSControlTowerExecution']);
    expect(arnNotLike(lambda([{ key: 'ExemptedPrincipalArns', value: ['arn:aws:iam::*:role/A', 'arn:aws:iam::*:role/B'] }])))
      .toEqual(['arn:aws:iam::*:role/A', 'arn:aws:iam::*:role/B', 'arn:*:iam::*:role/AWSControlTowerExecution']);
    const ebs = guardrailStatements([{ controlIdentifier: 'CT.EC2.PV.4' }], { governedRegions: [], regionDeny: false }).statements[0];
    expect(ebs.statement).toEqual({ Sid: 'CTEC2PV4', Effect: 'Deny', Action: 'ebs:*', Resource: '*' });
    expect(ebs.origin.identifier).toBe('CT.EC2.PV.4');
  });

  it('gives an EC2 policy (declarative) control\'s document, and one aws-guardrails EC2 policy for several such controls', () => {
    const { statements, resourceStatements, ec2Documents, unevaluated } = guardrailStatements(
      [{ controlIdentifier: 'CT.EC2.PV.9' }, { controlIdentifier: 'CT.EC2.PV.7' }], { governedRegions: [], regionDeny: false, organizationId: 'o-abcdef1234' });
    expect([...statements, ...resourceStatements, ...unevaluated]).toEqual([]);
    expect(ec2Documents.map((entry) => entry.origin.identifier).sort()).toEqual(['CT.EC2.PV.7', 'CT.EC2.PV.9']);
    const packed = packGuardrailEc2Policy(ec2Documents);
    expect(packed).toHaveLength(1);
    expect(Object.keys((JSON.parse(packed[0].content) as { ec2_attributes: object }).ec2_attributes).sort()).toEqual(['serial_console_access', 'snapshot_block_public_access']);
    expect(packGuardrailEc2Policy([])).toEqual([]);
  });
});

describe('packGuardrailPolicies', () => {
  it('splits the statements into SCPs under the size quota and finds each statement\'s control again from the text', () => {
    const { statements } = guardrailStatements(mandatory, { governedRegions: ['eu-west-1'], regionDeny: true });
    const one = packGuardrailPolicies(statements, 10_240);
    expect(one).toHaveLength(1);
    const small = packGuardrailPolicies(statements, 2_000);
    expect(small.length).toBeGreaterThan(2);
    for (const policy of small) expect(policy.content.length <= 2_000 || JSON.parse(policy.content).Statement.length === 1).toBe(true);
    expect(small.flatMap((p) => p.statementControls)).toEqual(one[0].statementControls);
    expect(statementControlsOf(one[0].content, statements)).toEqual(one[0].statementControls);
    expect(statementControlsOf(guardrailContent([{ Effect: 'Deny', Action: 'x:Y', Resource: '*' }]), statements)).toEqual([null]);
  });

  it('names policies aws-guardrails- and six letters', () => {
    let n = 0;
    expect(guardrailPolicyName(() => (n++ % 52) / 52)).toBe('aws-guardrails-ABCDEF');
  });
});
