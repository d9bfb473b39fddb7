// LZSIM_AUTH=oidc's settings: each missing or wrong variable is named at start, and the defaults (README "Sign-in
// and roles"). The sign-in flow itself runs against a real provider in test/e2e/oidc-sign-in.test.ts.
import { describe, expect, it } from 'vitest';
import { authModeFromEnv } from '@/server/services/auth/auth-config';
import { oidcSettingsFromEnv } from '@/server/services/auth/oidc-config';
import { usernameFrom } from '@/server/services/auth/oidc';

const BASE = { LZSIM_AUTH: 'oidc', LZSIM_OIDC_ISSUER: 'https://login.example.com/realms/corp', LZSIM_OIDC_CLIENT_ID: 'lzsim' };

describe('OIDC settings', () => {
  it('reads the issuer, client and defaults', () => {
    const settings = oidcSettingsFromEnv({ ...BASE, LZSIM_OIDC_ADMINS: ' Lead@Example.com, 0b1d2c ' });
    expect(settings.issuer.href).toBe('https://login.example.com/realms/corp');
    expect(settings.clientId).toBe('lzsim');
    expect(settings.clientSecret).toBeUndefined();
    expect(settings.publicUrl).toBeUndefined();
    expect(settings.scopes).toBe('openid email profile');
    expect([...settings.admins]).toEqual(['lead@example.com', '0b1d2c']);
    expect(authModeFromEnv(BASE)).toBe('oidc');
  });

  it('names the variable that is missing or wrong, when the mode is chosen (at start)', () => {
    expect(() => authModeFromEnv({ LZSIM_AUTH: 'oidc' })).toThrow(/LZSIM_OIDC_ISSUER/);
    expect(() => authModeFromEnv({ ...BASE, LZSIM_OIDC_CLIENT_ID: ' ' })).toThrow(/LZSIM_OIDC_CLIENT_ID/);
    expect(() => oidcSettingsFromEnv({ ...BASE, LZSIM_OIDC_ISSUER: 'login.example.com' })).toThrow(/LZSIM_OIDC_ISSUER="login.example.com" is not a URL/);
    expect(() => oidcSettingsFromEnv({ ...BASE, LZSIM_PUBLIC_URL: 'ftp://x' })).toThrow(/LZSIM_PUBLIC_URL="ftp:\/\/x" must be an http\(s\) URL/);
    expect(() => oidcSettingsFromEnv({ ...BASE, LZSIM_OIDC_SCOPES: 'email profile' })).toThrow(/must include openid/);
    expect(() => authModeFromEnv({ LZSIM_AUTH: 'saml' })).toThrow(/use off, local or oidc/);
  });

  it('accepts plain http only for a provider on this machine', () => {
    expect(() => oidcSettingsFromEnv({ ...BASE, LZSIM_OIDC_ISSUER: 'http://login.example.com' })).toThrow(/must use https/);
    expect(oidcSettingsFromEnv({ ...BASE, LZSIM_OIDC_ISSUER: 'http://127.0.0.1:8080' }).issuer.host).toBe('127.0.0.1:8080');
    expect(oidcSettingsFromEnv({ ...BASE, LZSIM_OIDC_ISSUER: 'http://localhost:8080/realms/dev' }).issuer.hostname).toBe('localhost');
  });

  it('makes a user name from the provider\'s claim: no control characters, at most 64 characters', () => {
    expect(usernameFrom('alice@example.com')).toBe('alice@example.com');
    expect(usernameFrom('bob\u0000\n smith')).toBe('bob smith');
    expect(usernameFrom('x'.repeat(100))).toHaveLength(64);
    expect(usernameFrom('\u0007')).toBe('oidc-user');
  });
});
