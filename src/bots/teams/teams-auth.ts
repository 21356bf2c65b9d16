import { createPublicKey } from 'node:crypto';
import { AppCredentials, AuthenticationConstants, PasswordServiceClientCredentialFactory, type ServiceClientCredentialsFactory } from 'botframework-connector';
import { JwtTokenExtractor } from 'botframework-connector/lib/auth/jwtTokenExtractor.js';
import { z } from 'zod';
import type { Env } from '../../config/env.js';
import type { Clock } from '../../core/ports/clock.js';
import type { Logger } from '../../core/ports/logger.js';

/** How long one OpenID metadata or JWKS fetch may take before the request is refused (401). */
export const OPENID_FETCH_TIMEOUT_MS = 3_000;
/** Keys are re-read this often, in the background, while the cached ones keep being used. */
const METADATA_REFRESH_MS = 24 * 3_600_000;
/** A token signed with a key we do not know re-reads the keys at most this often (key rollover). */
const UNKNOWN_KEY_REFRESH_MS = 5 * 60_000;

/**
 * The Bot Framework authentication endpoints: Microsoft's unless the TEST-ONLY overrides are set
 * (the configuration refuses those in production).
 */
function teamsAuthSettings(env: Env) {
  return {
    channelMetadataUrl: env.TEAMS_OPENID_METADATA_URL ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    emulatorMetadataUrl: env.TEAMS_EMULATOR_OPENID_METADATA_URL ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    tokenIssuer: env.TEAMS_TOKEN_ISSUER ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    tokenEndpoint: env.TEAMS_TOKEN_ENDPOINT,
  };
}

/** The options of botbuilder's ConfigurationBotFrameworkAuthentication, with the overrides applied. */
export function botFrameworkAuthConfig(env: Env): Record<string, string> {
  const s = teamsAuthSettings(env);
  return {
    MicrosoftAppId: env.MICROSOFT_APP_ID ?? '',
    MicrosoftAppPassword: env.MICROSOFT_APP_PASSWORD ?? '',
    MicrosoftAppTenantId: env.MICROSOFT_APP_TENANT_ID ?? '',
    MicrosoftAppType: env.MICROSOFT_APP_TYPE,
    ...(env.TEAMS_OPENID_METADATA_URL || env.TEAMS_EMULATOR_OPENID_METADATA_URL || env.TEAMS_TOKEN_ISSUER
      ? {
          // Any parameterized value makes botbuilder use exactly these (see BotFrameworkAuthenticationFactory).
          ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
          ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
          ToBotFromChannelTokenIssuer: s.tokenIssuer,
          OAuthUrl: AuthenticationConstants.OAuthUrl,
          ToBotFromChannelOpenIdMetadataUrl: s.channelMetadataUrl,
          ToBotFromEmulatorOpenIdMetadataUrl: s.emulatorMetadataUrl,
          CallerId: 'urn:botframework:azure',
        }
      : {}),
  };
}

const ZOpenIdConfiguration = z.object({ jwks_uri: z.url() }).loose();
const ZJwks = z.object({
  keys: z.array(
    z
      .object({ kid: z.string().optional(), kty: z.string(), n: z.string().optional(), e: z.string().optional(), endorsements: z.array(z.string()).optional() })
      .loose(),
  ),
});
type Jwk = z.infer<typeof ZJwks>['keys'][number];

async function fetchJson(url: string, timeoutMs: number): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const name = (error as Error).name;
    throw new Error(name === 'TimeoutError' ? `${url} did not answer within ${timeoutMs} ms` : `${url} could not be fetched (${(error as Error).message})`);
  }
  if (!res.ok) throw new Error(`${url} answered ${res.status}`);
  return res.json();
}

/**
 * Bot Framework signing keys from one OpenID metadata URL, replacing botbuilder's OpenIdMetadata
 * (which fetches without a timeout, once per waiting request, and turns a failure into a 500):
 * fetched with a timeout, one fetch at a time, cached and refreshed in the background while the
 * cached keys keep serving; a token with an unknown key id re-reads the keys at most every five
 * minutes.
 */
export class CachedOpenIdMetadata {
  private keys: Jwk[] | undefined;
  private fetchedAt = 0;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private inflight: Promise<void> | undefined;

  constructor(
    readonly url: string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly timeoutMs = OPENID_FETCH_TIMEOUT_MS,
  ) {}

  /** botbuilder's JwtTokenExtractor calls this; null for an unknown key. Throws when no keys can be had. */
  async getKey(keyId: string | undefined): Promise<{ key: string; endorsements?: string[] } | null> {
    const now = this.clock.now().getTime();
    if (!this.keys) await this.refresh();
    else if (now - this.fetchedAt > METADATA_REFRESH_MS) this.refreshInBackground();
    let key = this.find(keyId);
    if (!key && now - this.lastAttempt > UNKNOWN_KEY_REFRESH_MS) {
      await this.refresh().catch((err: unknown) => this.logger.warn({ reason: (err as Error).message }, 'Bot Framework signing keys could not be re-read'));
      key = this.find(keyId);
    }
    return key;
  }

  /** Starts a fetch (if none is running) without waiting for it: warms the cache at start-up. */
  refreshInBackground(): void {
    this.refresh().catch((err: unknown) => this.logger.warn({ reason: (err as Error).message, url: this.url }, 'Bot Framework signing keys could not be read'));
  }

  private refresh(): Promise<void> {
    this.inflight ??= (async () => {
      this.lastAttempt = this.clock.now().getTime();
      try {
        const config = ZOpenIdConfiguration.parse(await fetchJson(this.url, this.timeoutMs));
        const jwks = ZJwks.parse(await fetchJson(config.jwks_uri, this.timeoutMs));
        this.keys = jwks.keys;
        this.fetchedAt = this.clock.now().getTime();
      } finally {
        this.inflight = undefined;
      }
    })();
    return this.inflight;
  }

  private find(keyId: string | undefined): { key: string; endorsements?: string[] } | null {
    const jwk = this.keys?.find((k) => k.kid === keyId);
    if (jwk?.kty !== 'RSA' || !jwk.n || !jwk.e) return null;
    const pem = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e }, format: 'jwk' })
      .export({ type: 'spki', format: 'pem' })
      .toString();
    return { key: pem, ...(jwk.endorsements ? { endorsements: jwk.endorsements } : {}) };
  }
}

/**
 * Puts our metadata caches where botbuilder's token validation looks them up (its cache is keyed
 * by metadata URL), for the channel and emulator URLs in use. Returns them so they can be warmed.
 */
export function installOpenIdMetadata(env: Env, clock: Clock, logger: Logger): CachedOpenIdMetadata[] {
  const s = teamsAuthSettings(env);
  const cache = (JwtTokenExtractor as unknown as { openIdMetadataCache: Map<string, unknown> }).openIdMetadataCache;
  if (!(cache instanceof Map)) throw new Error('botframework-connector changed: JwtTokenExtractor.openIdMetadataCache is gone');
  return [s.channelMetadataUrl, s.emulatorMetadataUrl].map((url) => {
    const metadata = new CachedOpenIdMetadata(url, clock, logger);
    cache.set(url, metadata);
    return metadata;
  });
}

const ZTokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive().default(3600) }).loose();

/** App credentials that get the bot's token from a plain OAuth2 client-credentials endpoint. */
class ClientCredentialsAppCredentials extends AppCredentials {
  constructor(
    appId: string,
    private readonly password: string,
    private readonly tokenEndpoint: string,
    oAuthScope: string,
  ) {
    super(appId, undefined, oAuthScope);
  }

  protected override async refreshToken(): Promise<{ accessToken: string; expiresOn: Date }> {
    const scope = this.oAuthScope.endsWith('/.default') ? this.oAuthScope : `${this.oAuthScope}/.default`;
    const res = await fetch(this.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: this.appId, client_secret: this.password, scope }).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    if (!res.ok) throw new Error(`the token endpoint answered ${res.status}`);
    const token = ZTokenResponse.parse(await res.json());
    return { accessToken: token.access_token, expiresOn: new Date(Date.now() + token.expires_in * 1000) };
  }
}

/**
 * TEST-ONLY (TEAMS_TOKEN_ENDPOINT): the bot's outgoing tokens from that endpoint instead of
 * Microsoft Entra through MSAL (which only talks to https authorities it can discover).
 */
export function tokenEndpointCredentials(env: Env): ServiceClientCredentialsFactory | undefined {
  const endpoint = env.TEAMS_TOKEN_ENDPOINT;
  if (!endpoint || !env.MICROSOFT_APP_ID) return undefined;
  const appId = env.MICROSOFT_APP_ID;
  const password = env.MICROSOFT_APP_PASSWORD ?? '';
  const inner = new PasswordServiceClientCredentialFactory(appId, password, '');
  return {
    isValidAppId: (id?: string) => inner.isValidAppId(id),
    isAuthenticationDisabled: () => inner.isAuthenticationDisabled(),
    createCredentials: async (id: string, audience: string) => {
      if (id !== appId) throw new Error('Invalid appId.');
      return new ClientCredentialsAppCredentials(appId, password, endpoint, audience || AuthenticationConstants.ToChannelFromBotOAuthScope);
    },
  } as ServiceClientCredentialsFactory;
}

const ZJwtHeader = z
  .object({ alg: z.enum(['RS256', 'RS384', 'RS512'], { message: 'is not an RSA signature algorithm' }), kid: z.string().min(1, 'is empty') })
  .loose();
const ZJwtTimes = z.object({ exp: z.number({ message: 'is missing' }), nbf: z.number().optional() }).loose();
/** The leeway botbuilder allows on exp/nbf. */
const CLOCK_TOLERANCE_S = 5 * 60;

function decodePart(part: string | undefined): unknown {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Cheap checks before botbuilder's validation (which prints failures with console.error): a
 * Bearer JWT with an RSA algorithm and a key id, inside its validity window. Returns what is
 * wrong, or undefined to go on to the full check (signature, issuer, audience, serviceUrl).
 */
export function precheckBearer(authHeader: string, nowMs: number): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authHeader);
  if (!match) return authHeader ? 'the Authorization header is not a Bearer JWT' : 'no Authorization header';
  if (!match[3]) return 'the token is not signed';
  const header = ZJwtHeader.safeParse(decodePart(match[1]));
  if (!header.success) return `the token header ${header.error.issues[0]?.path.join('.') ?? ''} ${header.error.issues[0]?.message ?? 'is invalid'}`;
  const times = ZJwtTimes.safeParse(decodePart(match[2]));
  if (!times.success) return `the token's ${times.error.issues[0]?.path.join('.') ?? 'claims'} ${times.error.issues[0]?.message ?? 'are invalid'}`;
  const now = nowMs / 1000;
  if (times.data.exp < now - CLOCK_TOLERANCE_S) return 'the token has expired';
  if (times.data.nbf !== undefined && times.data.nbf > now + CLOCK_TOLERANCE_S) return 'the token is not valid yet';
  return undefined;
}
