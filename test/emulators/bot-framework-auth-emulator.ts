import { createHmac, createSign, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { CallLog, HttpEmulatorServer, sendJson } from './http-emulator.js';

/**
 * The Microsoft side of Bot Framework authentication on 127.0.0.1, from keys generated here:
 *
 * - OpenID configuration + JWKS for tokens the channel (Teams) sends to the bot
 *   (`channelMetadataUrl`, RS256, keys endorsed for `msteams`), and the same for Emulator tokens
 *   (`emulatorMetadataUrl`);
 * - an OAuth2 client-credentials token endpoint (`tokenEndpoint`) for the bot's outgoing calls,
 *   whose tokens `isIssuedToken` recognises (the Bot Connector emulator checks them);
 * - `channelToken()` / `emulatorToken()` to sign the tokens a test sends, valid or deliberately not.
 *
 * Point TEAMS_OPENID_METADATA_URL, TEAMS_EMULATOR_OPENID_METADATA_URL, TEAMS_TOKEN_ISSUER and
 * TEAMS_TOKEN_ENDPOINT at it.
 */

const TEST_TOKEN_ISSUER = 'https://api.botframework.test';
/** One of the issuers botbuilder accepts for Emulator tokens. */
const EMULATOR_ISSUER = 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/';

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function newSigningKey(kid = `key-${randomUUID().slice(0, 8)}`): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

const b64url = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A compact JWS: RS256 with `key`, unsigned with alg `none`, or HS256 with a shared secret (alg confusion). */
export function signJwt(payload: Record<string, unknown>, key: SigningKey | 'none' | { hmacSecret: string }, header: Record<string, unknown> = {}): string {
  if (key === 'none') return `${b64url({ alg: 'none', typ: 'JWT', ...header })}.${b64url(payload)}.`;
  if ('hmacSecret' in key) {
    const head = b64url({ alg: 'HS256', typ: 'JWT', ...header });
    const body = b64url(payload);
    return `${head}.${body}.${createHmac('sha256', key.hmacSecret).update(`${head}.${body}`).digest('base64url')}`;
  }
  const head = b64url({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...header });
  const body = b64url(payload);
  const signature = createSign('RSA-SHA256').update(`${head}.${body}`).sign(key.privateKey).toString('base64url');
  return `${head}.${body}.${signature}`;
}

export interface TokenRequest {
  clientId: string;
  scope: string;
  at: Date;
}

export interface AuthEmulatorOptions {
  appId: string;
  appPassword: string;
}

export class BotFrameworkAuthEmulator {
  private readonly server = new HttpEmulatorServer('bot-framework-auth-emulator');
  /** Signs channel and emulator tokens; published in both JWKS. */
  readonly key = newSigningKey('channel-key-1');
  /** Signs the bot's outgoing tokens (the Connector checks them). */
  private readonly connectorKey = newSigningKey('connector-key-1');
  private readonly issued = new Set<string>();
  readonly tokenRequests = new CallLog<TokenRequest>();
  readonly metadataRequests = new CallLog<{ path: string; at: Date }>();
  /** Next metadata/JWKS requests wait this long (ms) before answering; 0 answers at once. */
  metadataDelayMs = 0;
  /** Next metadata/JWKS requests fail with this status; 0 answers normally. */
  metadataFailStatus = 0;

  constructor(readonly options: AuthEmulatorOptions) {}

  get url(): string {
    return this.server.url;
  }
  get channelMetadataUrl(): string {
    return `${this.url}/channel/.well-known/openidconfiguration`;
  }
  get emulatorMetadataUrl(): string {
    return `${this.url}/emulator/.well-known/openid-configuration`;
  }
  get tokenEndpoint(): string {
    return `${this.url}/oauth2/token`;
  }

  /** The env a service needs to run Teams authenticated against this emulator. */
  env(): Record<string, string> {
    return {
      MICROSOFT_APP_ID: this.options.appId,
      MICROSOFT_APP_PASSWORD: this.options.appPassword,
      TEAMS_OPENID_METADATA_URL: this.channelMetadataUrl,
      TEAMS_EMULATOR_OPENID_METADATA_URL: this.emulatorMetadataUrl,
      TEAMS_TOKEN_ISSUER: TEST_TOKEN_ISSUER,
      TEAMS_TOKEN_ENDPOINT: this.tokenEndpoint,
    };
  }

  start(): Promise<{ url: string }> {
    return this.server.start((req, res, body) => this.route(req, res, body));
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  /** A token as the Bot Framework channel signs it for this bot and `serviceUrl`; `claims` override or (undefined) remove claims. */
  channelToken(
    serviceUrl: string,
    claims: Record<string, unknown> = {},
    options: { key?: SigningKey | 'none' | { hmacSecret: string }; header?: Record<string, unknown> } = {},
  ): string {
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      iss: TEST_TOKEN_ISSUER,
      aud: this.options.appId,
      serviceurl: serviceUrl,
      nbf: now - 60,
      iat: now - 60,
      exp: now + 3600,
      ...claims,
    };
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k];
    return signJwt(payload, options.key ?? this.key, options.header);
  }

  /** A token as the Bot Framework Emulator sends it (issuer of Microsoft's tenant, app id in `appid`, version 1.0). */
  emulatorToken(claims: Record<string, unknown> = {}): string {
    const now = Math.floor(Date.now() / 1000);
    return signJwt(
      { iss: EMULATOR_ISSUER, aud: this.options.appId, appid: this.options.appId, ver: '1.0', nbf: now - 60, iat: now - 60, exp: now + 3600, ...claims },
      this.key,
    );
  }

  /** True for a bearer token this emulator's token endpoint issued. */
  isIssuedToken(authorization: string | undefined): boolean {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    return token !== undefined && this.issued.has(token);
  }

  private jwks(): { keys: Record<string, unknown>[] } {
    const jwk = this.key.publicKey.export({ format: 'jwk' });
    return { keys: [{ ...jwk, kid: this.key.kid, use: 'sig', alg: 'RS256', endorsements: ['msteams', 'emulator'] }] };
  }

  private async route(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && /^\/(channel|emulator)\//.test(path)) {
      this.metadataRequests.add({ path, at: new Date() });
      if (this.metadataDelayMs > 0 && !(await this.server.delay(res, this.metadataDelayMs))) return;
      if (this.metadataFailStatus) return sendJson(res, this.metadataFailStatus, { error: 'injected failure' });
      const which = path.split('/')[1]!;
      if (path.endsWith('/keys')) return sendJson(res, 200, this.jwks());
      return sendJson(res, 200, {
        issuer: which === 'channel' ? TEST_TOKEN_ISSUER : EMULATOR_ISSUER,
        jwks_uri: `${this.url}/${which}/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
      });
    }
    if (req.method === 'POST' && path === '/oauth2/token') {
      const form = new URLSearchParams(raw.toString('utf8'));
      const clientId = form.get('client_id') ?? '';
      if (form.get('grant_type') !== 'client_credentials' || clientId !== this.options.appId || form.get('client_secret') !== this.options.appPassword) {
        return sendJson(res, 401, { error: 'invalid_client' });
      }
      const scope = form.get('scope') ?? '';
      this.tokenRequests.add({ clientId, scope, at: new Date() });
      const now = Math.floor(Date.now() / 1000);
      const token = signJwt(
        { iss: 'https://login.botframework.test/', aud: scope.replace(/\/\.default$/, ''), appid: clientId, iat: now, nbf: now, exp: now + 3600 },
        this.connectorKey,
      );
      this.issued.add(token);
      return sendJson(res, 200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: token });
    }
    sendJson(res, 404, { error: `no route for ${req.method} ${path}` });
  }
}
