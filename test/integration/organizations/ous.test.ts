// OU rules as AWS Organizations applies them: orgs_reference_limits.html (5 levels under the root, OU count),
// API_CreateOrganizationalUnit.html / API_UpdateOrganizationalUnit.html / API_DeleteOrganizationalUnit.html (errors).
import { afterAll, describe, expect, it } from 'vitest';
import {
  createAccount,
  createOrganizationalUnit,
  deleteOrganizationalUnit,
  moveOrganizationalUnit,
  renameOrganizationalUnit,
  setQuotaOverrides,
} from '../../../server/services/organizations';
import { createTestDb } from '../../support/db-test-client';
import { expectAwsError, newDesign, Revision } from './helpers';

const db = createTestDb();
afterAll(() => db.$disconnect());

async function setup() {
  const d = await newDesign(db, 'ous');
  const rev = new Revision();
  const ou = async (parentId: string, name: string) =>
    rev.took(await createOrganizationalUnit(db, { ...rev.base(d.designId), parentId, name })).ou;
  return { d, rev, ou };
}

describe('createOrganizationalUnit', () => {
  it('creates an OU under the root or an OU, with an ou- id of the root and FullAWSAccess attached', async () => {
    const { d, ou } = await setup();
    const prod = await ou(d.rootAwsId, 'Prod');
    expect(prod.awsId).toMatch(new RegExp(`^ou-${d.rootAwsId.slice(2)}-[a-z0-9]{8}$`));
    expect(prod.parentId).toBe(d.rootId);
    const child = await ou(prod.awsId, 'Payments');
    expect(child.parentId).toBe(prod.id);
    const attachments = await db.policyAttachment.findMany({ where: { ouId: child.id }, select: { policy: { select: { name: true } } } });
    expect(attachments.map((a) => a.policy.name)).toEqual(['FullAWSAccess']);
  });

  it('refuses a sixth level with OU_DEPTH_LIMIT_EXCEEDED and writes nothing', async () => {
    const { d, rev, ou } = await setup();
    let parent = d.rootId;
    for (let level = 1; level <= 5; level++) parent = (await ou(parent, `L${level}`)).id;
    await expectAwsError(
      createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: parent, name: 'L6' }),
      'ConstraintViolationException',
      'OU_DEPTH_LIMIT_EXCEEDED',
    );
    const design = await db.design.findUniqueOrThrow({ where: { id: d.designId } });
    expect(design.revision).toBe(rev.value);
    expect(await db.organizationalUnit.count({ where: { rootId: d.rootId } })).toBe(5);
  });

  it('refuses a duplicate sibling name but allows the same name elsewhere', async () => {
    const { d, rev, ou } = await setup();
    const a = await ou(d.rootId, 'Workloads');
    await expectAwsError(createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Workloads' }), 'DuplicateOrganizationalUnitException');
    await ou(a.id, 'Workloads');
  });

  it('enforces the OU count quota with OU_NUMBER_LIMIT_EXCEEDED (overridden per design)', async () => {
    const { d, rev, ou } = await setup();
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { maxOusPerOrganization: 2 } } }));
    await ou(d.rootId, 'One');
    await ou(d.rootId, 'Two');
    await expectAwsError(createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: d.rootId, name: 'Three' }), 'ConstraintViolationException', 'OU_NUMBER_LIMIT_EXCEEDED');
  });

  it('refuses an unknown parent with ParentNotFoundException', async () => {
    const { d, rev } = await setup();
    await expectAwsError(createOrganizationalUnit(db, { ...rev.base(d.designId), parentId: 'ou-zzzz-00000000', name: 'X' }), 'ParentNotFoundException');
  });
});

describe('renameOrganizationalUnit', () => {
  it('renames, refuses a sibling name and an unknown OU', async () => {
    const { d, rev, ou } = await setup();
    const a = await ou(d.rootId, 'A');
    await ou(d.rootId, 'B');
    const renamed = rev.took(await renameOrganizationalUnit(db, { ...rev.base(d.designId), ouId: a.awsId, name: 'Alpha' }));
    expect(renamed.ou.name).toBe('Alpha');
    await expectAwsError(renameOrganizationalUnit(db, { ...rev.base(d.designId), ouId: a.id, name: 'B' }), 'DuplicateOrganizationalUnitException');
    await expectAwsError(renameOrganizationalUnit(db, { ...rev.base(d.designId), ouId: 'nope', name: 'C' }), 'OrganizationalUnitNotFoundException');
  });
});

describe('moveOrganizationalUnit (a designer convenience: AWS has no MoveOrganizationalUnit)', () => {
  it('moves an OU with its subtree', async () => {
    const { d, rev, ou } = await setup();
    const a = await ou(d.rootId, 'A');
    const b = await ou(d.rootId, 'B');
    const b1 = await ou(b.id, 'B1');
    const moved = rev.took(await moveOrganizationalUnit(db, { ...rev.base(d.designId), ouId: b.id, destinationParentId: a.awsId }));
    expect(moved.ou.parentId).toBe(a.id);
    expect((await db.organizationalUnit.findUniqueOrThrow({ where: { id: b1.id } })).parentOuId).toBe(b.id);
  });

  it('refuses a move into the OU itself or its own subtree, and says why', async () => {
    const { d, rev, ou } = await setup();
    const a = await ou(d.rootId, 'A');
    const a1 = await ou(a.id, 'A1');
    const a2 = await ou(a1.id, 'A2');
    for (const destination of [a.id, a1.id, a2.awsId]) {
      const error = await moveOrganizationalUnit(db, { ...rev.base(d.designId), ouId: a.id, destinationParentId: destination }).catch((e: unknown) => e);
      expect(error).toMatchObject({ awsCode: 'InvalidInputException', awsReason: 'MOVE_INTO_OWN_SUBTREE' });
      expect((error as Error).message).toMatch(/AWS has no API to move an OU/);
    }
  });

  it('checks the depth of the whole moved subtree', async () => {
    const { d, rev, ou } = await setup();
    // Chain X1..X4 under the root, and a two-level subtree Y > Y1: moving Y under X4 would put Y1 at level 6.
    let parent = d.rootId;
    for (let level = 1; level <= 4; level++) parent = (await ou(parent, `X${level}`)).id;
    const y = await ou(d.rootId, 'Y');
    await ou(y.id, 'Y1');
    await expectAwsError(moveOrganizationalUnit(db, { ...rev.base(d.designId), ouId: y.id, destinationParentId: parent }), 'ConstraintViolationException', 'OU_DEPTH_LIMIT_EXCEEDED');
  });

  it('refuses a name clash at the destination, an unknown destination and a no-op move', async () => {
    const { d, rev, ou } = await setup();
    const a = await ou(d.rootId, 'A');
    await ou(a.id, 'Same');
    const same = await ou(d.rootId, 'Same');
    await expectAwsError(moveOrganizationalUnit(db, { ...rev.base(d.designId), ouId: same.id, destinationParentId: a.id }), 'DuplicateOrganizationalUnitException');
    await expectAwsError(moveOrganizationalUnit(db, { ...rev.base(d.designId), ouId: same.id, destinationParentId: 'ou-none-00000000' }), 'DestinationParentNotFoundException');
    await expectAwsError(moveOrganizationalUnit(db, { ...rev.base(d.designId), ouId: same.id, destinationParentId: d.rootId }), 'DuplicateOrganizationalUnitException');
  });
});

describe('deleteOrganizationalUnit', () => {
  it('refuses an OU that holds an OU or an account, deletes an empty one with its attachments', async () => {
    const { d, rev, ou } = await setup();
    const a = await ou(d.rootId, 'A');
    const a1 = await ou(a.id, 'A1');
    await expectAwsError(deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: a.id }), 'OrganizationalUnitNotEmptyException');
    rev.took(await setQuotaOverrides(db, { ...rev.base(d.designId), overrides: { organization: { defaultMaxAccounts: 100 } } }));
    rev.took(await createAccount(db, { ...rev.base(d.designId), accountName: 'Dev', email: `dev-${d.designId}@example.com`, parentId: a1.id }));
    await expectAwsError(deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: a1.id }), 'OrganizationalUnitNotEmptyException');
    const b = await ou(d.rootId, 'B');
    rev.took(await deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: b.awsId }));
    expect(await db.organizationalUnit.count({ where: { id: b.id } })).toBe(0);
    expect(await db.policyAttachment.count({ where: { ouId: b.id } })).toBe(0);
    await expectAwsError(deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: b.id }), 'OrganizationalUnitNotFoundException');
  });

  it('deletes an OU registered with Control Tower: Control Tower forgets the registration (governance-drift.html, "Deleted Foundational OU")', async () => {
    const { d, rev, ou } = await setup();
    const governed = await ou(d.rootId, 'Governed');
    const zone = await db.landingZone.create({ data: { designId: d.designId, version: '3.3', homeRegion: 'eu-west-1', governedRegions: ['eu-west-1'] } });
    await db.registeredOu.create({ data: { landingZoneId: zone.id, ouId: governed.id } });
    rev.took(await deleteOrganizationalUnit(db, { ...rev.base(d.designId), ouId: governed.id }));
    expect(await db.organizationalUnit.count({ where: { id: governed.id } })).toBe(0);
    expect(await db.registeredOu.count({ where: { landingZoneId: zone.id } })).toBe(0);
  });
});
