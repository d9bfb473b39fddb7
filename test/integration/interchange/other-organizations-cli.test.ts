// OtherOrganizations through a folder of AWS CLI outputs: export writes other-organizations/<account id>.json as
// `aws organizations describe-organization` prints it in that account, and the folder reader takes it back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCliFiles } from '@/server/services/interchange/read-cli-folder';
import { bundleToCliFiles } from '@/server/services/interchange/write-cli-folder';

describe('other-organizations/ in a CLI folder', () => {
  it('round-trips the other organization of an outside account', () => {
    const bundle = JSON.parse(readFileSync('test/fixtures/bundles/sample-org.json', 'utf8')) as Record<string, unknown>;
    (bundle.AuthorizationDetails as Record<string, unknown>)['777700001111'] = { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] };
    bundle.OtherOrganizations = { '777700001111': 'o-p4rtn3r9x2' };
    const files = bundleToCliFiles(bundle);
    expect(JSON.parse(files['other-organizations/777700001111.json'])).toEqual({ Organization: { Id: 'o-p4rtn3r9x2' } });
    const read = readCliFiles(files);
    expect(read.design.accounts.find((account) => account.accountId === '777700001111')).toMatchObject({ parentId: null, otherOrganizationId: 'o-p4rtn3r9x2' });
  });
});
