// lzsim reach runs in-process on the committed sample bundle (AWS CLI shapes), and on a copy whose partner role
// also trusts the payments account's OrganizationAccountAccessRole, which makes a two-hop chain from the management
// account's admin user. Role chaining caps the later session at one hour (id_roles_terms-and-concepts.html
// "Role chaining").
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../support/run-cli-in-process';

const bundles = fileURLToPath(new URL('../../fixtures/bundles/', import.meta.url));
const ADMIN = 'arn:aws:iam::100000000001:user/platform-admin';
const PAYMENTS_ACCESS_ROLE = 'arn:aws:iam::100000000005:role/OrganizationAccountAccessRole';
const PARTNER_ROLE = 'arn:aws:iam::100000000005:role/PartnerAuditRole';

interface ReachJson {
  Direction: string;
  Paths: { From: string; To: string; HopCount: number; Conditional: boolean; Hops: { Hop: number; MaxSessionSeconds: number; Edge: { From: string; To: string; Chained: boolean; Conditions: { Kind: string }[] } }[] }[];
}

/** The sample bundle with one more trust statement on the partner role, written to a temporary folder. */
function chainedBundle(): string {
  const bundle = JSON.parse(readFileSync(join(bundles, 'sample-org.json'), 'utf8'));
  const partner = bundle.AuthorizationDetails['100000000005'].RoleDetailList.find((role: { RoleName: string }) => role.RoleName === 'PartnerAuditRole');
  partner.AssumeRolePolicyDocument.Statement.push({ Sid: 'PaymentsAdmins', Effect: 'Allow', Principal: { AWS: PAYMENTS_ACCESS_ROLE }, Action: 'sts:AssumeRole' });
  const folder = mkdtempSync(join(tmpdir(), 'lzsim-reach-'));
  writeFileSync(join(folder, 'chained.json'), JSON.stringify(bundle));
  return folder;
}

describe('lzsim reach', () => {
  it('--principal lists the roles a user reaches with the conditions of each hop', async () => {
    const { code, stdout, stderr } = await runCliInProcess(['reach', '--bundle', 'sample-org.json', '--principal', ADMIN], bundles);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^What user\/platform-admin \(100000000001\) can reach: 3 roles\n/);
    expect(stdout).toContain('user/platform-admin (100000000001) -> role/OrganizationAccountAccessRole (100000000005) [MFA]');
  });

  it('--role lists the principals that reach a role, outside principals marked', async () => {
    const { code, stdout } = await runCliInProcess(['reach', '--bundle', 'sample-org.json', '--role', PARTNER_ROLE, '--json'], bundles);
    expect(code).toBe(0);
    const answer = JSON.parse(stdout) as ReachJson;
    expect(answer.Direction).toBe('WhoCanReach');
    expect(answer.Paths.map((path) => path.From)).toEqual(['arn:aws:iam::210987654321:role/auditor']);
    expect(answer.Paths[0].Hops[0].Edge.Conditions.map((condition) => condition.Kind)).toEqual(['externalId']);
  });

  it('follows a two-hop chain; the chained hop gets a one-hour session', async () => {
    const folder = chainedBundle();
    const { code, stdout } = await runCliInProcess(['reach', '--bundle', 'chained.json', '--role', PARTNER_ROLE, '--json'], folder);
    expect(code).toBe(0);
    const viaAdmin = (JSON.parse(stdout) as ReachJson).Paths.find((path) => path.From === ADMIN);
    expect(viaAdmin?.HopCount).toBe(2);
    expect(viaAdmin?.Hops.map((hop) => hop.Edge.To)).toEqual([PAYMENTS_ACCESS_ROLE, PARTNER_ROLE]);
    expect(viaAdmin?.Hops.map((hop) => hop.Edge.Chained)).toEqual([false, true]);
    expect(viaAdmin?.Hops[1].MaxSessionSeconds).toBe(3600);

    const limited = await runCliInProcess(['reach', '--bundle', 'chained.json', '--role', PARTNER_ROLE, '--max-hops', '1', '--json'], folder);
    expect((JSON.parse(limited.stdout) as ReachJson).Paths.some((path) => path.From === ADMIN)).toBe(false);

    const forward = await runCliInProcess(['reach', '--bundle', 'chained.json', '--principal', ADMIN], folder);
    expect(forward.stdout).toContain(`2. role/OrganizationAccountAccessRole (100000000005) -> role/PartnerAuditRole (100000000005) (chained: session <= 1 h)`);
  });

  it('bad input is one line, exit code 2', async () => {
    const both = await runCliInProcess(['reach', '--bundle', 'sample-org.json', '--role', PARTNER_ROLE, '--principal', ADMIN], bundles);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^lzsim: reach: give exactly one of --principal ARN/);
    const unknown = await runCliInProcess(['reach', '--bundle', 'sample-org.json', '--role', 'arn:aws:iam::100000000005:role/Nobody'], bundles);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('lzsim: reach: --role: arn:aws:iam::100000000005:role/Nobody is not a principal of sample-org.json (NoSuchEntity)\n');
    const notRole = await runCliInProcess(['reach', '--bundle', 'sample-org.json', '--role', ADMIN], bundles);
    expect(notRole.stderr).toBe(`lzsim: reach: --role: ${ADMIN} is a user, not a role\n`);
    const hops = await runCliInProcess(['reach', '--bundle', 'sample-org.json', '--principal', ADMIN, '--max-hops', '0'], bundles);
    expect(hops.stderr).toMatch(/--max-hops: expected a whole number from 1 to 20/);
  });
});
