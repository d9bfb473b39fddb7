import { describe, expect, it } from 'vitest';
import { CONTROL_CATALOG, MANDATORY_CONTROLS, catalogFacets, findControl, queryControls } from '@/server/engine/control-tower/catalog';
import { listCatalogControls } from '@/server/services/control-tower/catalog-service';
import { renderPolicyTemplate } from '@/server/engine/control-tower/policy-template';

// Guidance levels: https://docs.aws.amazon.com/controltower/latest/controlreference/controls.html ("mandatory, strongly
// recommended, or elective") and the lists on mandatory-controls.html and strongly-recommended-controls.html.

describe('Control Tower control catalogue', () => {
  it('holds the 760 Control Catalog controls plus CT.CLOUDFORMATION.PR.1 from the guide', () => {
    expect(CONTROL_CATALOG).toHaveLength(761);
    expect(new Set(CONTROL_CATALOG.map((control) => control.arn)).size).toBe(761);
    expect(CONTROL_CATALOG.filter((control) => control.behavior === 'PREVENTIVE')).toHaveLength(67);
  });

  it('carries the guide\'s guidance levels: 23 mandatory and 14 strongly recommended controls', () => {
    expect(MANDATORY_CONTROLS).toHaveLength(23);
    expect(CONTROL_CATALOG.filter((control) => control.guidance === 'STRONGLY_RECOMMENDED')).toHaveLength(14);
    expect(findControl('AWS-GR_RESTRICT_ROOT_USER')?.guidance).toBe('STRONGLY_RECOMMENDED');
    expect(findControl('AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED')?.guidance).toBe('MANDATORY');
  });

  it('finds a control by catalogue ARN, legacy Control Tower ARN or alias, case-insensitively', () => {
    const byAlias = findControl('AWS-GR_RESTRICT_ROOT_USER');
    expect(byAlias?.arn).toBe('arn:aws:controlcatalog:::control/5kvme4m5d2b4d7if2fs5yg2ui');
    expect(findControl('arn:aws:controltower:eu-west-1::control/AWS-GR_RESTRICT_ROOT_USER')).toBe(byAlias);
    expect(findControl('ARN:AWS:CONTROLCATALOG:::CONTROL/5KVME4M5D2B4D7IF2FS5YG2UI')).toBe(byAlias);
    expect(findControl('CT.MULTISERVICE.PV.1')?.parameters?.map((p) => p.key)).toEqual(['AllowedRegions', 'ExemptedActions', 'ExemptedPrincipalArns']);
    expect(findControl('AWS-GR_NOPE')).toBeUndefined();
  });

  it('keeps the SCP text of the legacy preventive controls, exempting AWSControlTowerExecution', () => {
    const control = findControl('AWS-GR_CLOUDTRAIL_CHANGE_PROHIBITED')!;
    const statement = control.policy!.document.Statement[0];
    expect(statement.Action).toEqual(['cloudtrail:DeleteTrail', 'cloudtrail:PutEventSelectors', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail']);
    expect(JSON.stringify(statement.Condition)).toContain('arn:aws:iam::*:role/AWSControlTowerExecution');
    expect(CONTROL_CATALOG.filter((c) => c.policy)).toHaveLength(33);
  });

  it('holds the artifact of every other preventive control, from the Controls Reference Guide, each rendering to valid JSON', () => {
    // Source of each text: the page on the entry (data/policy-texts.json), e.g.
    // https://docs.aws.amazon.com/controltower/latest/controlreference/list-of-rcp-controls.html for the RCP controls.
    const preventive = CONTROL_CATALOG.filter((control) => control.behavior === 'PREVENTIVE');
    const withoutText = preventive.filter((control) => !control.policy && !control.artifact);
    expect(withoutText.map((control) => control.alias)).toEqual(['CT.MULTISERVICE.PV.1']); // built from its parameters
    const artifacts = preventive.filter((control) => control.artifact);
    expect(artifacts).toHaveLength(33);
    for (const control of artifacts) {
      expect(control.artifact!.type).toBe(control.implementation.type);
      expect(control.artifact!.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/controltower\/latest\/controlreference\//);
      expect(control.alias).toMatch(/^CT\.[A-Z0-9]+\.PV\.\d+$/);
      const values = { OrganizationIds: ['o-abcdef1234'], ExemptedPrincipalArns: ['arn:aws:iam::*:role/X'], ExemptedResourceArns: ['arn:aws:s3:::b/*'] };
      for (const filled of [values, { OrganizationIds: ['o-abcdef1234'] }]) {
        const document = JSON.parse(renderPolicyTemplate(control.artifact!.template, filled));
        if (control.artifact!.type === 'DECLARATIVE_POLICY_EC2') expect(Object.keys(document)).toEqual(['ec2_attributes']);
        else for (const statement of document.Statement) expect(statement.Effect).toBe('Deny');
      }
    }
    expect(artifacts.filter((c) => c.artifact!.type === 'RCP')).toHaveLength(9);
    expect(artifacts.filter((c) => c.artifact!.type === 'DECLARATIVE_POLICY_EC2')).toHaveLength(4);
    expect(findControl('CT.KMS.PV.7')?.parameters?.map((p) => p.key)).toEqual(['ExemptedPrincipalArns']);
  });

  it('filters by behaviour, guidance, service, severity, framework and words, mandatory first', () => {
    const detectiveS3 = queryControls({ behaviors: ['DETECTIVE'], services: ['S3'], guidance: ['STRONGLY_RECOMMENDED'] });
    expect(detectiveS3.map((c) => c.alias).sort()).toEqual(['AWS-GR_S3_BUCKET_PUBLIC_READ_PROHIBITED', 'AWS-GR_S3_BUCKET_PUBLIC_WRITE_PROHIBITED']);
    const cloudtrail = queryControls({ search: 'cloudtrail changes', behaviors: ['PREVENTIVE'] });
    expect(cloudtrail[0].guidance).toBe('MANDATORY');
    expect(queryControls({ severities: ['CRITICAL'] }).every((c) => c.severity === 'CRITICAL')).toBe(true);
    const fsbp = queryControls({ frameworks: ['AWS Foundational Security Best Practices'] });
    expect(fsbp.length).toBe(196);
    expect(fsbp.every((c) => c.implementation.type === 'SECURITY_HUB_CONTROL')).toBe(true);
    expect(catalogFacets().services.find((s) => s.value === 'S3')?.count).toBeGreaterThan(10);
  });

  it('filters by every framework the data ties controls to (NIST, PCI DSS, CIS beside FSBP), with counts', () => {
    // Frameworks of Security Hub controls: "Related requirements" in the Security Hub guide (e.g. [IAM.6] names
    // "PCI DSS v3.2.1/8.3.1, CIS AWS Foundations Benchmark v1.2.0/1.14, CIS AWS Foundations Benchmark v1.4.0/1.6,
    // NIST.800-53.r5 ..."), https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html.
    const facets = catalogFacets().frameworks;
    expect(facets.map((f) => f.value)).toEqual([
      'AWS Foundational Security Best Practices', 'CIS AWS Foundations Benchmark v1.2.0', 'CIS AWS Foundations Benchmark v1.4.0',
      'NIST SP 800-53 Rev. 5', 'PCI DSS v3.2.1',
    ]);
    for (const facet of facets) {
      const matching = queryControls({ frameworks: [facet.value] });
      expect(matching).toHaveLength(facet.count);
      expect(matching.every((c) => c.frameworks.includes(facet.value))).toBe(true);
    }
    expect(facets.find((f) => f.value === 'NIST SP 800-53 Rev. 5')!.count).toBeGreaterThan(100);
    const iam6 = CONTROL_CATALOG.find((c) => c.implementation.identifier === 'IAM.6')!;
    expect(iam6.frameworks).toEqual(expect.arrayContaining(['PCI DSS v3.2.1', 'CIS AWS Foundations Benchmark v1.2.0', 'CIS AWS Foundations Benchmark v1.4.0', 'NIST SP 800-53 Rev. 5']));
    // Two frameworks: controls in either (ANY), and a framework combined with another filter.
    const either = queryControls({ frameworks: ['PCI DSS v3.2.1', 'CIS AWS Foundations Benchmark v1.4.0'] });
    expect(either.length).toBeGreaterThanOrEqual(Math.max(...facets.filter((f) => f.value.startsWith('PCI') || f.value.endsWith('v1.4.0')).map((f) => f.count)));
    expect(queryControls({ frameworks: ['PCI DSS v3.2.1'], severities: ['CRITICAL'] }).every((c) => c.severity === 'CRITICAL')).toBe(true);
  });

  it('pages the API listing and marks proactive controls as applying at CloudFormation deployment', () => {
    const page = listCatalogControls({ behaviors: ['PROACTIVE'], limit: 5, offset: 5 });
    expect(page.total).toBe(235);
    expect(page.controls).toHaveLength(5);
    expect(page.controls.every((c) => c.appliesAtDeployment && c.implementation.type === 'CLOUDFORMATION_HOOK')).toBe(true);
  });
});
