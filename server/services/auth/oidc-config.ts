import 'server-only';

// OpenID Connect settings (LZSIM_AUTH=oidc; README "Sign-in and roles"):
//   LZSIM_OIDC_ISSUER         the provider's issuer URL (its /.well-known/openid-configuration is read on first use)
//   LZSIM_OIDC_CLIENT_ID      this server's client id at the provider
//   LZSIM_OIDC_CLIENT_SECRET  its secret (leave unset for a public client: PKCE protects the code either way)
//   LZSIM_PUBLIC_URL          the address people open (https://lzsim.example.com); the redirect URL is
//                             <it>/api/auth/oidc/callback. Unset: the address of each sign-in request.
//   LZSIM_OIDC_ADMINS         comma-separated e-mail addresses or subjects made administrators on first sign-in
//   LZSIM_OIDC_SCOPES         scopes asked for (default "openid email profile")

/** How this server signs people in through an OpenID Connect provider. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret?: string;
  publicUrl?: URL;
  /** Lower-cased e-mail addresses and subjects that become administrators when they first sign in. */
  admins: ReadonlySet<string>;
  scopes: string;
}

/** The OIDC settings in `env`; throws naming the variable that is missing or wrong. */
export function oidcSettingsFromEnv(env: Record<string, string | undefined> = process.env): OidcSettings {
  const issuer = urlSetting(env, 'LZSIM_OIDC_ISSUER', true)!;
  // Plain HTTP only on this machine (a provider run for tests or development): tokens cross the network otherwise.
  if (issuer.protocol !== 'https:' && !isLoopbackHost(issuer.hostname)) {
    throw new Error(`LZSIM_OIDC_ISSUER=${issuer.href} must use https (plain http is accepted only for a provider on this machine).`);
  }
  const clientId = env.LZSIM_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error('LZSIM_AUTH=oidc needs LZSIM_OIDC_CLIENT_ID, the client id this server has at the provider.');
  const clientSecret = env.LZSIM_OIDC_CLIENT_SECRET?.trim() || undefined;
  const publicUrl = urlSetting(env, 'LZSIM_PUBLIC_URL', false);
  const admins = new Set((env.LZSIM_OIDC_ADMINS ?? '').split(',').map((entry) => entry.trim().toLowerCase()).filter(Boolean));
  const scopes = env.LZSIM_OIDC_SCOPES?.trim() || 'openid email profile';
  if (!scopes.split(/\s+/).includes('openid')) throw new Error(`LZSIM_OIDC_SCOPES="${scopes}" must include openid.`);
  return { issuer, clientId, ...(clientSecret ? { clientSecret } : {}), ...(publicUrl ? { publicUrl } : {}), admins, scopes };
}

/** True for localhost and loopback addresses. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || hostname === '::1' || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

function urlSetting(env: Record<string, string | undefined>, name: string, required: boolean): URL | undefined {
  const raw = env[name]?.trim();
  if (!raw) {
    if (required) throw new Error(`LZSIM_AUTH=oidc needs ${name}, the provider's issuer URL (for example https://login.example.com/realms/corp).`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name}="${raw}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${name}="${raw}" must be an http(s) URL.`);
  return url;
}
