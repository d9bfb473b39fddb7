import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { userInfo } from 'node:os';
import type { UserDto } from '../../db/access-control';

/** Who is making a request. */
export type Actor =
  /** Authentication is off (LZSIM_AUTH unset on a loopback server): the person at this machine may do everything. */
  | { kind: 'machine' }
  /** A signed-in user. */
  | { kind: 'user'; user: UserDto }
  /** Someone holding a read-only share link to one design. */
  | { kind: 'share'; designId: string; linkId: string }
  /** Authentication is on and the request carries no valid session or link (`shareRevoked`: its link was revoked). */
  | { kind: 'anonymous'; shareRevoked?: boolean };

let machineUser: string | undefined;

/** The person at this machine, as history entries name them when nobody signs in (read once: it is a system call). */
function machineUserName(): string {
  if (machineUser === undefined) {
    try {
      machineUser = userInfo().username;
    } catch {
      machineUser = 'local';
    }
  }
  return machineUser;
}

/** The name a history entry records for a change made by `actor`. */
export function authorNameOf(actor: Actor): string | undefined {
  if (actor.kind === 'user') return actor.user.username;
  if (actor.kind === 'machine') return machineUserName();
  return undefined;
}

// The author of the changes a request makes reaches the history writer (services/organizations/mutation.ts)
// through the request's async context: every edit service would otherwise need an author parameter threaded
// through ~40 procedures, and a client-supplied author field would let a client name someone else.
const authorStorage = new AsyncLocalStorage<string | undefined>();

/** Runs `work` with `author` as the author of the history entries it writes. */
export function runAsAuthor<T>(author: string | undefined, work: () => T): T {
  return authorStorage.run(author, work);
}

/** The author of the current request's changes, when one is known. */
export function currentAuthor(): string | undefined {
  return authorStorage.getStore();
}
