import 'server-only';
import { oidcSettingsFromEnv } from './oidc-config';

// How people sign in, chosen by configuration (README "Sign-in and roles"):
//   LZSIM_AUTH unset or "off"  nobody signs in: whoever reaches the server may do everything. Safe only because the
//                              server listens on loopback by default (scripts/run-app.mjs refuses another HOST
//                              without authentication unless LZSIM_AUTH=off is written out).
//   LZSIM_AUTH=local           local accounts with scrypt-hashed passwords (`lzsim user add`).
//   LZSIM_AUTH=oidc            OpenID Connect sign-in through the provider LZSIM_OIDC_ISSUER names (oidc-config.ts).

/** Which sign-in the server uses. */
export type AuthMode = 'off' | 'local' | 'oidc';

/** The sign-in mode in `env` (throws on a value it does not know, so a typo never turns authentication off). */
export function authModeFromEnv(env: Record<string, string | undefined> = process.env): AuthMode {
  const raw = (env.LZSIM_AUTH ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'off') return 'off';
  if (raw === 'local') return raw;
  if (raw === 'oidc') {
    // A misconfigured provider is refused at start, naming the variable, rather than at the first sign-in.
    oidcSettingsFromEnv(env);
    return raw;
  }
  throw new Error(`LZSIM_AUTH="${env.LZSIM_AUTH}" is not a sign-in mode: use off, local or oidc.`);
}

/** How long a session lasts (LZSIM_SESSION_HOURS, default 12): a working day, then sign in again. */
export function sessionLifetimeMs(env: Record<string, string | undefined> = process.env): number {
  const hours = Number(env.LZSIM_SESSION_HOURS || 12);
  return (Number.isFinite(hours) && hours > 0 ? hours : 12) * 3_600_000;
}
