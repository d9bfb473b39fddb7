// short(): the labels the access view gives node ids in who-can answers, paths and the edge panel.
import { describe, expect, it } from 'vitest';
import { short } from '@/components/access/access-edge-panel';

describe('short', () => {
  it('names a role or user by its name and account, without its path', () => {
    expect(short('arn:aws:iam::123456789012:role/service-role/level1')).toBe('role/level1 (123456789012)');
    expect(short('arn:aws:iam::123456789012:user/USER')).toBe('user/USER (123456789012)');
  });

  it('names the stand-ins for outside principals by what they stand for', () => {
    expect(short('arn:aws:iam::000000000000:role/lzsim-external/AnyPrincipal')).toBe('Anyone (any AWS account)');
    expect(short('arn:aws:iam::444455556666:role/lzsim-external/AnyPrincipal')).toBe('any principal of 444455556666 (outside the organization)');
    // A partner's named role is shown as named.
    expect(short('arn:aws:iam::444455556666:role/auditor')).toBe('role/auditor (444455556666)');
  });

  it('names an identity provider registered in an account by its kind, name and account; other providers as given', () => {
    expect(short('federated:arn:aws:iam::200611803367:saml-provider/AWSSSO_b937d2dff24f2774_DO_NOT_DELETE'))
      .toBe('SAML provider AWSSSO_b937d2dff24f2774_DO_NOT_DELETE (200611803367)');
    expect(short('federated:arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'))
      .toBe('OIDC provider token.actions.githubusercontent.com (111122223333)');
    expect(short('federated:cognito-identity.amazonaws.com')).toBe('cognito-identity.amazonaws.com');
  });
});
