// `lzsim user add|password|grant|list`: local accounts and design roles for a server run with LZSIM_AUTH=local
// (README "Sign-in and roles"). The platform team creates accounts here; people then sign in in the browser.
import { findUserByUsername, listUsers, upsertMember } from '../../db/access-control';
import { getDesign } from '../../db/designs';
import { designRoleSchema } from '../../schemas/auth';
import { escapeControlCharacters } from '../../schemas/text-checks';
import { newSecret } from '../../services/auth/secrets';
import { createLocalUser, resetPassword } from '../../services/auth/sessions';
import { isDomainError } from '../../services/domain-error';
import { CliError, EXIT_USAGE } from '../cli-error';
import { defineCommand, type CliIo } from '../command';
import { withAppDatabase } from './app-db';

const HELP = `Usage: lzsim user add <name> [--admin] [--display-name <text>] [--password-stdin]
       lzsim user password <name> [--password-stdin]
       lzsim user grant <name> <design-id> <OWNER|EDITOR|VIEWER>
       lzsim user list

Local accounts for a server started with LZSIM_AUTH=local.
  add        creates an account. With --password-stdin the password (12 characters or more) is read from
             standard input; without it a random password is made and printed once.
  password   sets a new password (same rules) and signs the user out everywhere.
  grant      gives the user a role on a design (e.g. a design made before authentication was on, which has no
             owner yet). Administrators (--admin) are owners of every design.
  list       prints the accounts.
Uses DATABASE_URL when set, otherwise the embedded database of "npm start".

Options:
  --admin                 the account administers the server: it sees and manages every design
  --display-name <text>   the name shown next to the user name
  --password-stdin        read the password from standard input
  -h, --help              show this help`;

/** The password to set: standard input's first line, or a new random one that is printed. */
async function passwordFrom(io: CliIo, fromStdin: boolean | undefined): Promise<{ password: string; generated: boolean }> {
  if (!fromStdin) return { password: newSecret().slice(0, 24), generated: true };
  const password = (await io.readStdin()).split(/\r?\n/)[0] ?? '';
  return { password, generated: false };
}

/** Runs a service call, turning its domain errors into CLI errors. */
async function domain<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isDomainError(error)) throw new CliError(`user: ${error.message}`);
    throw error;
  }
}

/** The user subcommand. */
export const userCommand = defineCommand({
  name: 'user',
  summary: 'Manage local accounts and design roles (LZSIM_AUTH=local)',
  help: HELP,
  options: { admin: { type: 'boolean' }, 'display-name': { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  positionals: true,
  async run(parsed, io) {
    const [action, ...rest] = parsed.positionals;
    if (!action) {
      io.stdout(`${HELP}\n`);
      return EXIT_USAGE;
    }
    switch (action) {
      case 'add': {
        const [username] = rest;
        if (!username || rest.length > 1) throw new CliError('user add: give exactly one user name');
        const { password, generated } = await passwordFrom(io, parsed.values['password-stdin']);
        const user = await withAppDatabase(io, (db) =>
          domain(() => createLocalUser(db, { username, password, displayName: parsed.values['display-name'], isAdmin: parsed.values.admin })),
        );
        io.stdout(`Created ${user.isAdmin ? 'administrator' : 'user'} ${user.username}.\n`);
        if (generated) io.stdout(`Password (shown once): ${password}\n`);
        return 0;
      }
      case 'password': {
        const [username] = rest;
        if (!username || rest.length > 1) throw new CliError('user password: give exactly one user name');
        const { password, generated } = await passwordFrom(io, parsed.values['password-stdin']);
        await withAppDatabase(io, (db) => domain(() => resetPassword(db, username, password)));
        io.stdout(`Set the password of ${username}; their sessions ended.\n`);
        if (generated) io.stdout(`Password (shown once): ${password}\n`);
        return 0;
      }
      case 'grant': {
        const [username, designId, roleText] = rest;
        const role = designRoleSchema.safeParse(roleText?.toUpperCase());
        if (!username || !designId || !role.success || rest.length > 3) throw new CliError('user grant: give <name> <design-id> <OWNER|EDITOR|VIEWER>');
        await withAppDatabase(io, async (db) => {
          const user = await findUserByUsername(db, username);
          if (!user) throw new CliError(`user grant: there is no user named "${username}"`);
          if (!(await getDesign(db, designId))) throw new CliError(`user grant: there is no design with id "${designId}" (lzsim designs lists them)`);
          await upsertMember(db, designId, user.id, role.data);
        });
        io.stdout(`${username} is now ${role.data} of design ${designId}.\n`);
        return 0;
      }
      case 'list': {
        const users = await withAppDatabase(io, (db) => listUsers(db));
        if (users.length === 0) {
          io.stdout('No users.\n');
          return 0;
        }
        for (const user of users) {
          io.stdout(`${escapeControlCharacters(user.username)}${user.isAdmin ? '  (administrator)' : ''}${user.displayName ? `  ${escapeControlCharacters(user.displayName)}` : ''}\n`);
        }
        return 0;
      }
      default:
        throw new CliError(`user: unknown action "${action}"; use add, password, grant or list`);
    }
  },
});
