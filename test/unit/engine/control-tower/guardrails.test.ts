import { describe, expect, it } from 'vitest';
import { guardrailContent, guardrailPolicyName, guardrailStatements, packGuardrailPolicies, statementControlsOf } from '@/server/engine/control-tower/guardrails';
import { MANDATORY_CONTROLS } from '@/server/engine/control-tower/catalog';

// Exemptions: each control's SCP exempts arn:aws:iam::*:role/AWSControlTowerExecution (controlreference/mandatory-controls.html);
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

  it('lists a preventive control without text as not evaluated', () => {
    const { statements, unevaluated } = guardrailStatements([{ controlIdentifier: 'arn:aws:controlcatalog:::control/7oo9e9bcs8ilm6ekoxu322yb3' }], { governedRegions: [], regionDeny: false });
    expect(statements).toEqual([]);
    expect(unevaluated[0].reason).toContain('RCP');
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
