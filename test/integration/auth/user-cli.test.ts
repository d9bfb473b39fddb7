// `lzsim user` in-process through runCli on the run's test database: accounts are created with a hashed password
// (printed once when generated), passwords are reset, roles granted, and bad input is refused with the reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '@/server/cli/command';
import { runCli } from '@/server/cli/lzsim';
import { createDesign } from '@/server/db/designs';
import { findMembershipRole, findUserForSignIn } from '@/server/db/access-control';
import { SignInLimiter } from '@/server/services/auth/sign-in-limiter';
import { signInWithPassword } from '@/server/services/auth/sessions';
import { createTestDb, testDatabaseUrl, uniqueName } from '../../support/db-test-client';

const db = createTestDb();
let savedUrl: string | undefined;

function captureIo(stdin = ''): CliIo & { out: string; err: string } {
  const io = { out: '', err: '', stdout(text: string) { io.out += text; }, stderr(text: string) { io.err += text; }, readStdin: async () => stdin, cwd: process.cwd() };
  return io;
}

beforeAll(() => {
  savedUrl = process.env.DATABASE_URL;
  process.env.DATABASE_URL = testDatabaseUrl();
});
afterAll(async () => {
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await db.$disconnect();
});

describe('lzsim user', () => {
  it('adds an account with a generated password, signs in with it, resets it from stdin, grants a role', async () => {
    const name = uniqueName('cli').replace(' ', '-');
    const added = captureIo();
    expect(await runCli(['user', 'add', name, '--admin'], added)).toBe(0);
    const password = /Password \(shown once\): (\S+)/.exec(added.out)?.[1];
    expect(password).toHaveLength(24);
    const stored = await findUserForSignIn(db, name);
    expect(stored).toMatchObject({ username: name, isAdmin: true });
    expect(stored?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(stored?.passwordHash).not.toContain(password);
    const limiter = new SignInLimiter();
    expect((await signInWithPassword(db, { username: name, password: password! }, limiter)).user.username).toBe(name);

    const reset = captureIo('a new long passphrase\n');
    expect(await runCli(['user', 'password', name, '--password-stdin'], reset)).toBe(0);
    await expect(signInWithPassword(db, { username: name, password: password! }, limiter)).rejects.toThrow(/Wrong user name or password/);
    expect((await signInWithPassword(db, { username: name, password: 'a new long passphrase' }, limiter)).user.username).toBe(name);

    const design = await createDesign(db, { name: uniqueName('cli grant') });
    expect(await runCli(['user', 'grant', name, design.id, 'editor'], captureIo())).toBe(0);
    expect(await findMembershipRole(db, design.id, stored!.id)).toBe('EDITOR');
    const listed = captureIo();
    expect(await runCli(['user', 'list'], listed)).toBe(0);
    expect(listed.out).toContain(`${name}  (administrator)`);
  });

  it('refuses a short password, a taken name, a bad role and an unknown design, saying why', async () => {
    const name = uniqueName('cli').replace(' ', '-');
    const short = captureIo('short\n');
    expect(await runCli(['user', 'add', name, '--password-stdin'], short)).toBe(2);
    expect(short.err).toMatch(/12 to 1,024 characters/);
    expect(await runCli(['user', 'add', name, '--password-stdin'], captureIo('long enough password\n'))).toBe(0);
    const taken = captureIo('long enough password\n');
    expect(await runCli(['user', 'add', name, '--password-stdin'], taken)).toBe(2);
    expect(taken.err).toMatch(/already a user named/);
    const badRole = captureIo();
    expect(await runCli(['user', 'grant', name, 'x', 'ADMIN'], badRole)).toBe(2);
    expect(badRole.err).toMatch(/OWNER\|EDITOR\|VIEWER/);
    const unknown = captureIo();
    expect(await runCli(['user', 'grant', name, 'no-such-design', 'VIEWER'], unknown)).toBe(2);
    expect(unknown.err).toMatch(/no design with id "no-such-design"/);
  });
});
