import { afterAll, describe, expect, it } from 'vitest';
import { createOrganizationalUnit, moveOrganizationalUnit } from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

describe('smoke', () => {
  it('creates and moves OUs', async () => {
    const d = await newDesign(db);
    const rev = new Revision();
    const a = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'A' }));
    const b = rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootAwsId, name: 'B' }));
    const moved = rev.took(await moveOrganizationalUnit(db, { ...rev.base(d.designId), ouId: b.ou.awsId, destinationParentId: a.ou.id }));
    expect(moved.ou.parentId).toBe(a.ou.id);
    expect(moved.revision).toBe(3);
  });
});
