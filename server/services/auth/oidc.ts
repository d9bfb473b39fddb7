import 'server-only';
import * as openid from 'openid-client';
import * as store from '../../db/access-control';
import type { Db } from '../../db/client';
import { DomainError } from '../domain-error';
import { isLoopbackHost, type OidcSettings } from './oidc-config';
import { issueSession, type IssuedSession } from './sessions';

// OpenID Connect sign-in: the authorization code flow with PKCE, state and nonce (openid-client checks the ID token's
// issuer, audience, signature, expiry and nonce). A user is known by (issuer, subject); the first sign-in creates them,
// named after their preferred_username or e-mail. The session that follows is the same as a local sign-in's.

/** What the browser keeps (in an HTTP-only cookie) between leaving for the provider and coming back. */
export interface PendingOidcSignIn {
  state: string;
  nonce: string;
  verifier: string;
  /** Where to go once signed in (a local path). */
  next: string;
}

/** The provider could not be reached (its discovery document did not load). */
export class OidcProviderUnreachable extends Error {}

let discovered: { key: string; configuration: Promise<openid.Configuration> } | undefined;

/** The provider's configuration, read once from its discovery document (a failed read is tried again next time). */
export function oidcConfiguration(settings: OidcSettings): Promise<openid.Configuration> {
  const key = `${settings.issuer.href} ${settings.clientId}`;
  if (discovered?.key !== key) {
    const configuration = openid.discovery(
      settings.issuer, settings.clientId, settings.clientSecret ? { client_secret: settings.clientSecret } : undefined,
      settings.clientSecret ? undefined : openid.None(),
      { timeout: 10, ...(settings.issuer.protocol === 'http:' && isLoopbackHost(settings.issuer.hostname) ? { execute: [openid.allowInsecureRequests] } : {}) },
    ).catch((error: unknown) => {
      discovered = undefined;
      throw new OidcProviderUnreachable(`The OpenID Connect provider ${settings.issuer.href} did not answer its discovery request (${describe(error)}). Check LZSIM_OIDC_ISSUER and that the provider is reachable from this server.`);
    });
    discovered = { key, configuration };
  }
  return discovered.configuration;
}

/**
 * Where the provider sends the browser back: LZSIM_PUBLIC_URL's, or the address the browser used (its Host header,
 * which the request guard has checked against the allowed names; Next's own request URL names the address it bound).
 */
export function redirectUriFor(settings: OidcSettings, request: Request): URL {
  if (settings.publicUrl) return new URL('/api/auth/oidc/callback', settings.publicUrl);
  const url = new URL(request.url);
  const host = request.headers.get('host') ?? url.host;
  const forwarded = request.headers.get('x-forwarded-proto')?.split(',')[0].trim();
  const protocol = forwarded === 'https' || forwarded === 'http' ? `${forwarded}:` : url.protocol;
  return new URL('/api/auth/oidc/callback', `${protocol}//${host}`);
}

/** The provider's sign-in URL for a new attempt, and what the callback must find again. */
export async function beginOidcSignIn(settings: OidcSettings, redirectUri: URL, next: string): Promise<{ url: URL; pending: PendingOidcSignIn }> {
  const configuration = await oidcConfiguration(settings);
  const pending: PendingOidcSignIn = { state: openid.randomState(), nonce: openid.randomNonce(), verifier: openid.randomPKCECodeVerifier(), next };
  const url = openid.buildAuthorizationUrl(configuration, {
    redirect_uri: redirectUri.href, scope: settings.scopes, state: pending.state, nonce: pending.nonce,
    code_challenge: await openid.calculatePKCECodeChallenge(pending.verifier), code_challenge_method: 'S256',
  });
  return { url, pending };
}

/**
 * Finishes a sign-in from the provider's redirect: exchanges the code (checking state, nonce and PKCE), finds or
 * creates the user, and starts a session. A refused or tampered callback is UNAUTHENTICATED with the reason.
 */
export async function completeOidcSignIn(db: Db, settings: OidcSettings, callbackUrl: URL, pending: PendingOidcSignIn | null): Promise<IssuedSession> {
  if (!pending) throw new DomainError('UNAUTHENTICATED', 'This sign-in was not started here, or took longer than ten minutes: start again.');
  const providerError = callbackUrl.searchParams.get('error');
  if (providerError) {
    throw new DomainError('UNAUTHENTICATED', `The provider refused the sign-in: ${callbackUrl.searchParams.get('error_description') ?? providerError}.`);
  }
  if (callbackUrl.searchParams.get('state') !== pending.state) {
    throw new DomainError('UNAUTHENTICATED', 'The sign-in came back with a state this browser did not send (an old tab, or a forged link): start again.');
  }
  const configuration = await oidcConfiguration(settings);
  let claims: openid.IDToken | undefined;
  let profile: openid.UserInfoResponse | Record<string, never> = {};
  try {
    const tokens = await openid.authorizationCodeGrant(configuration, callbackUrl, {
      pkceCodeVerifier: pending.verifier, expectedState: pending.state, expectedNonce: pending.nonce, idTokenExpected: true,
    });
    claims = tokens.claims();
    // Many providers put the e-mail and names in the ID token; others only answer them at the userinfo endpoint.
    if (claims?.sub && claims.preferred_username === undefined && claims.email === undefined && configuration.serverMetadata().userinfo_endpoint) {
      profile = await openid.fetchUserInfo(configuration, tokens.access_token, claims.sub);
    }
  } catch (error) {
    throw new DomainError('UNAUTHENTICATED', `The provider's answer was refused: ${describe(error)}.`);
  }
  if (!claims?.sub) throw new DomainError('UNAUTHENTICATED', 'The provider\'s ID token has no subject.');
  const user = await oidcUser(db, settings, { ...profile, ...claims });
  return issueSession(db, user);
}

/** The user (issuer, subject) names, created on first sign-in. */
async function oidcUser(db: Db, settings: OidcSettings, claims: openid.IDToken): Promise<store.UserDto> {
  const issuer = claims.iss;
  const known = await store.findUserByOidcSubject(db, issuer, claims.sub);
  if (known) return known;
  const email = typeof claims.email === 'string' ? claims.email : undefined;
  const preferred = typeof claims.preferred_username === 'string' ? claims.preferred_username : undefined;
  const displayName = typeof claims.name === 'string' ? claims.name.slice(0, 200) : '';
  const isAdmin = settings.admins.has(claims.sub.toLowerCase()) || (email !== undefined && settings.admins.has(email.toLowerCase()));
  const base = usernameFrom(preferred ?? email ?? `oidc-${claims.sub}`);
  // Names are unique: a second person whose provider gives the same name gets "-2", "-3", ...
  for (let attempt = 1; attempt <= 20; attempt++) {
    const username = attempt === 1 ? base : `${base.slice(0, 60)}-${attempt}`;
    try {
      return await store.createUser(db, { username, displayName, passwordHash: null, isAdmin, oidcIssuer: issuer, oidcSubject: claims.sub });
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error;
      // The same person signing in twice at once: the other attempt created them.
      const raced = await store.findUserByOidcSubject(db, issuer, claims.sub);
      if (raced) return raced;
    }
  }
  throw new DomainError('CONFLICT', `No free user name starting "${base}": an administrator should rename one of the existing users.`);
}

/** A user name from a provider's claim: control characters dropped, at most 64 characters. */
export function usernameFrom(claim: string): string {
  const cleaned = [...claim].filter((char) => char >= ' ' && char !== '\u007f').join('').trim();
  return (cleaned || 'oidc-user').slice(0, 64);
}

function describe(error: unknown): string {
  if (error instanceof Error) return error.cause instanceof Error ? `${error.message}: ${error.cause.message}` : error.message;
  return String(error);
}
