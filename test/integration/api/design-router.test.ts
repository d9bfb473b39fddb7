// design.list / design.get / design.create through createCaller on the real migrated test database.
import { TRPCError } from '@trpc/server';
import { afterAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { createInnerContext } from '@/server/api/context';
import { createCaller } from '@/server/api/root';
import { DESIGN_NAME_MAX_LENGTH } from '@/server/schemas/design';
import { createTestDb, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
const api = createCaller(createInnerContext({ db }));

afterAll(async () => {
  await db.$disconnect();
});

/** Runs a call that must fail and returns its TRPCError. */
async function failureOf(call: () => Promise<unknown>): Promise<TRPCError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCError);
    return error as TRPCError;
  }
  throw new Error('expected the call to fail');
}

describe('design.create', () => {
  it('creates a design with a fresh organization and returns its summary', async () => {
    const name = uniqueName('api create');
    const created = await api.design.create({ name: `  ${name}  `, description: 'Two accounts to start with.' });
    expect(created).toMatchObject({ name, description: 'Two accounts to start with.', revision: 0 });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await api.design.get({ designId: created.id })).toEqual(created);
  });

  it('reads an omitted description back as null', async () => {
    const created = await api.design.create({ name: uniqueName('api no description') });
    expect(created.description).toBeNull();
  });

  it.each([
    { input: { name: '' }, field: 'name', says: 'Name is required.' },
    { input: { name: '    ' }, field: 'name', says: 'Name is required.' },
    { input: { name: 'x'.repeat(DESIGN_NAME_MAX_LENGTH + 1) }, field: 'name', says: `at most ${DESIGN_NAME_MAX_LENGTH}` },
    { input: { name: 'ok', description: 'd'.repeat(501) }, field: 'description', says: 'at most 500' },
    { input: {}, field: 'name', says: 'Name is required.' },
  ])('rejects $input.name as BAD_REQUEST naming the field "$field"', async ({ input, field, says }) => {
    const error = await failureOf(() => api.design.create(input as { name: string }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain(`${field}: `);
    expect(error.message).toContain(says);
    expect(error.cause).toBeInstanceOf(ZodError);
    expect((error.cause as ZodError).issues.map((issue) => issue.path.join('.'))).toContain(field);
  });

  it('refuses a name that is taken with CONFLICT, naming the name', async () => {
    const name = uniqueName('api duplicate');
    await api.design.create({ name });
    const error = await failureOf(() => api.design.create({ name }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain(`"${name}" already exists`);
  });
});

describe('design.get', () => {
  it('answers NOT_FOUND for an unknown id', async () => {
    const error = await failureOf(() => api.design.get({ designId: 'no-such-design' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('no-such-design');
  });

  it('rejects an empty id as BAD_REQUEST naming designId', async () => {
    const error = await failureOf(() => api.design.get({ designId: '' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('designId: ');
  });
});

describe('design.list', () => {
  it('lists every design, most recently changed first, with its OU and account counts', async () => {
    const first = await api.design.create({ name: uniqueName('api list first') });
    const second = await api.design.create({ name: uniqueName('api list second') });
    const list = await api.design.list();
    const ids = list.map((design) => design.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    // A new design holds its organization's management account and no OU.
    expect(list.find((design) => design.id === first.id)?.counts).toEqual({ orgUnits: 0, accounts: 1 });
  });
});

describe('design.rename and design.delete', () => {
  it('renames a design, refuses a taken name as CONFLICT on the name field, and deletes it with everything in it', async () => {
    const first = await api.design.create({ name: uniqueName('api rename a') });
    const second = await api.design.create({ name: uniqueName('api rename b') });
    const renamed = await api.design.rename({ designId: first.id, name: `  ${first.name} renamed ` });
    expect(renamed).toMatchObject({ id: first.id, name: `${first.name} renamed`, revision: 0 });
    const taken = await failureOf(() => api.design.rename({ designId: first.id, name: second.name }));
    expect(taken.code).toBe('CONFLICT');
    expect(taken.message).toContain(second.name);
    expect((await failureOf(() => api.design.rename({ designId: first.id, name: ' ' }))).code).toBe('BAD_REQUEST');

    expect(await api.design.delete({ designId: first.id })).toEqual({ deletedId: first.id });
    expect((await failureOf(() => api.design.get({ designId: first.id }))).code).toBe('NOT_FOUND');
    expect(await db.account.count({ where: { designId: first.id } })).toBe(0);
    expect((await failureOf(() => api.design.delete({ designId: first.id }))).code).toBe('NOT_FOUND');
    expect((await failureOf(() => api.design.rename({ designId: first.id, name: 'gone' }))).code).toBe('NOT_FOUND');
  });
});
