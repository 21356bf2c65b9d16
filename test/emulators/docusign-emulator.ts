/**
 * A local emulator of DocuSign's eSignature REST API v2.1 (the EnvelopesApi calls the official
 * `docusign-esign` client makes: create, get with recipients, the combined document, update for
 * resend and void), of its OAuth JWT grant (`POST /oauth/token`, the assertion checked with the
 * integration's public key: RS256, iss, sub, aud, exp, scope) and of DocuSign Connect (JSON
 * messages signed with `X-DocuSign-Signature-1` = base64 HMAC-SHA256 of the body).
 */
import { createHmac, createVerify, randomUUID, type KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import mammoth from 'mammoth';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { CallLog, HttpEmulatorServer, bearerToken, headerValue, sendJson } from './http-emulator.js';

interface EmuSigner {
  email: string;
  name: string;
  recipientId: string;
  routingOrder: string;
  status: 'sent' | 'delivered' | 'completed' | 'declined';
  signedDateTime?: string;
  declinedReason?: string;
  anchors: string[];
}

export interface DsEnvelope {
  envelopeId: string;
  status: 'sent' | 'completed' | 'declined' | 'voided';
  emailSubject: string;
  docx: Buffer;
  documentText: string;
  signers: EmuSigner[];
  customFields: Array<{ name: string; value: string }>;
  createdDateTime: string;
  completedDateTime?: string;
  voidedReason?: string;
  resends: number;
}

export interface DocuSignCall {
  method: string;
  path: string;
  authorization?: string;
}

export class DocuSignEmulator {
  readonly envelopes = new Map<string, DsEnvelope>();
  readonly calls = new CallLog<DocuSignCall>();
  readonly grants: Array<{ iss: string; sub: string; aud: string; scope: string }> = [];
  private readonly server = new HttpEmulatorServer('docusign emulator');
  private readonly tokens = new Set<string>();

  constructor(private readonly config: { integrationKey: string; userId: string; accountId: string; publicKey: KeyObject }) {}

  get basePath(): string {
    return `${this.server.url}/restapi`;
  }
  get oauthBase(): string {
    return this.server.url;
  }

  async start(): Promise<void> {
    await this.server.start((req, res, body) => this.handle(req, res, body));
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  private oauth(res: ServerResponse, body: Buffer): void {
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') return sendJson(res, 400, { error: 'unsupported_grant_type' });
    const parts = (form.get('assertion') ?? '').split('.');
    if (parts.length !== 3) return sendJson(res, 400, { error: 'invalid_request' });
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8')) as { alg?: string };
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as {
      iss: string;
      sub: string;
      aud: string;
      exp: number;
      iat: number;
      scope: string;
    };
    const ok =
      header.alg === 'RS256' && createVerify('RSA-SHA256').update(`${parts[0]}.${parts[1]}`).verify(this.config.publicKey, Buffer.from(parts[2]!, 'base64url'));
    if (!ok) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'signature' });
    if (claims.iss !== this.config.integrationKey) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'issuer_not_found' });
    if (claims.sub !== this.config.userId) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'user_not_found' });
    if (claims.aud !== new URL(this.server.url).host) return sendJson(res, 400, { error: 'invalid_grant', error_description: 'audience' });
    if (claims.exp * 1000 < Date.now() || !/\bsignature\b/.test(claims.scope) || !/\bimpersonation\b/.test(claims.scope))
      return sendJson(res, 400, { error: 'invalid_grant', error_description: 'expired or scope' });
    this.grants.push({ iss: claims.iss, sub: claims.sub, aud: claims.aud, scope: claims.scope });
    const token = `ds_${randomUUID()}`;
    this.tokens.add(token);
    sendJson(res, 200, { access_token: token, token_type: 'Bearer', expires_in: 3600 });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.calls.add({
      method: req.method ?? 'GET',
      path: url.pathname,
      ...(headerValue(req, 'authorization') ? { authorization: headerValue(req, 'authorization') } : {}),
    });
    if (req.method === 'POST' && url.pathname === '/oauth/token') return this.oauth(res, body);
    const token = bearerToken(req);
    if (!token || !this.tokens.has(token))
      return sendJson(res, 401, { errorCode: 'AUTHORIZATION_INVALID_TOKEN', message: 'The access token provided is expired, revoked or malformed.' });
    const m = /^\/restapi\/v2\.1\/accounts\/([^/]+)\/envelopes(?:\/([^/]+))?(?:\/documents\/([^/]+))?$/.exec(url.pathname);
    if (!m) return sendJson(res, 404, { errorCode: 'NOT_FOUND', message: url.pathname });
    if (m[1] !== this.config.accountId) return sendJson(res, 400, { errorCode: 'USER_LACKS_MEMBERSHIP', message: 'account' });
    const envelopeId = m[2];
    if (req.method === 'POST' && !envelopeId) return this.create(res, JSON.parse(body.toString('utf8')) as Record<string, any>);
    const env = envelopeId ? this.envelopes.get(envelopeId) : undefined;
    if (!env)
      return sendJson(res, 404, { errorCode: 'ENVELOPE_DOES_NOT_EXIST', message: 'The envelope specified either does not exist or you have no rights to it.' });
    if (req.method === 'GET' && m[3] === 'combined') {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      res.end(Buffer.from(await this.combinedPdf(env)));
      return;
    }
    if (req.method === 'GET' && !m[3]) return sendJson(res, 200, this.envelopeView(env, url.searchParams.get('include')?.includes('recipients') ?? false));
    if (req.method === 'PUT' && !m[3]) {
      const update = JSON.parse(body.toString('utf8') || '{}') as Record<string, any>;
      if (update.status === 'voided') {
        if (env.status !== 'sent')
          return sendJson(res, 400, {
            errorCode: 'ENVELOPE_CANNOT_VOID_INVALID_STATE',
            message: 'Only envelopes in the sent or delivered states may be voided.',
          });
        if (!update.voidedReason) return sendJson(res, 400, { errorCode: 'INVALID_REQUEST_PARAMETER', message: 'voidedReason is required' });
        env.status = 'voided';
        env.voidedReason = update.voidedReason;
      } else if (url.searchParams.get('resend_envelope') === 'true') {
        env.resends += 1;
      }
      return sendJson(res, 200, { envelopeId: env.envelopeId });
    }
    sendJson(res, 405, { errorCode: 'METHOD_NOT_ALLOWED', message: req.method });
  }

  private async create(res: ServerResponse, def: Record<string, any>): Promise<void> {
    const doc = def.documents?.[0];
    if (!doc?.documentBase64 || !def.emailSubject)
      return sendJson(res, 400, { errorCode: 'INVALID_REQUEST_BODY', message: 'documents and emailSubject are required' });
    const docx = Buffer.from(doc.documentBase64, 'base64');
    let documentText: string;
    try {
      documentText = (await mammoth.extractRawText({ buffer: docx })).value;
    } catch {
      return sendJson(res, 400, { errorCode: 'FORMAT_CONVERSION_ERROR', message: 'The data could not be converted.' });
    }
    const signers: EmuSigner[] = (def.recipients?.signers ?? []).map((s: Record<string, any>) => ({
      email: s.email,
      name: s.name,
      recipientId: String(s.recipientId),
      routingOrder: String(s.routingOrder ?? '1'),
      status: 'sent',
      anchors: (s.tabs?.signHereTabs ?? []).map((t: { anchorString?: string }) => t.anchorString ?? ''),
    }));
    for (const s of signers) {
      for (const a of s.anchors)
        if (a && !documentText.includes(a)) return sendJson(res, 400, { errorCode: 'ANCHOR_TAB_STRING_NOT_FOUND', message: `Anchor ${a} not found` });
    }
    const envelopeId = randomUUID();
    const at = new Date().toISOString();
    this.envelopes.set(envelopeId, {
      envelopeId,
      status: 'sent',
      emailSubject: def.emailSubject,
      docx,
      documentText,
      signers,
      customFields: (def.customFields?.textCustomFields ?? []).map((f: { name: string; value: string }) => ({ name: f.name, value: f.value })),
      createdDateTime: at,
      resends: 0,
    });
    sendJson(res, 201, { envelopeId, status: 'sent', statusDateTime: at, uri: `/envelopes/${envelopeId}` });
  }

  private envelopeView(env: DsEnvelope, withRecipients: boolean) {
    return {
      envelopeId: env.envelopeId,
      status: env.status,
      emailSubject: env.emailSubject,
      createdDateTime: env.createdDateTime,
      ...(env.completedDateTime ? { completedDateTime: env.completedDateTime } : {}),
      ...(env.voidedReason ? { voidedReason: env.voidedReason } : {}),
      customFields: { textCustomFields: env.customFields.map((f) => ({ ...f, show: 'false', required: 'false' })) },
      ...(withRecipients
        ? {
            recipients: {
              signers: env.signers.map((s) => ({
                email: s.email,
                name: s.name,
                recipientId: s.recipientId,
                routingOrder: s.routingOrder,
                status: s.status,
                ...(s.signedDateTime ? { signedDateTime: s.signedDateTime } : {}),
                ...(s.declinedReason ? { declinedReason: s.declinedReason } : {}),
              })),
            },
          }
        : {}),
    };
  }

  private async combinedPdf(env: DsEnvelope): Promise<Uint8Array> {
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    let page = pdf.addPage();
    let y = page.getHeight() - 50;
    const lines = [
      ...env.documentText.split('\n'),
      '',
      'Certificate of completion (DocuSign emulator)',
      ...env.signers.map((s) => `Signed by ${s.name} <${s.email}> at ${s.signedDateTime ?? '-'}`),
    ];
    for (const raw of lines) {
      const line = raw.replace(/[^\x20-\x7E]/g, '?').slice(0, 110);
      if (y < 50) {
        page = pdf.addPage();
        y = page.getHeight() - 50;
      }
      if (line) page.drawText(line, { x: 50, y, size: 9, font });
      y -= 12;
    }
    return pdf.save();
  }

  /** A signer signs (the envelope completes after the last); returns the Connect messages DocuSign would send. */
  sign(envelopeId: string, email: string): { recipient: ConnectMessage; completed?: ConnectMessage } {
    const env = this.envelopes.get(envelopeId)!;
    const s = env.signers.find((x) => x.email.toLowerCase() === email.toLowerCase())!;
    s.status = 'completed';
    s.signedDateTime = new Date().toISOString();
    const recipient = this.connectMessage('recipient-completed', env, s.recipientId);
    if (env.signers.every((x) => x.status === 'completed')) {
      env.status = 'completed';
      env.completedDateTime = new Date().toISOString();
      return { recipient, completed: this.connectMessage('envelope-completed', env) };
    }
    return { recipient };
  }

  decline(envelopeId: string, email: string, reason: string): ConnectMessage {
    const env = this.envelopes.get(envelopeId)!;
    const s = env.signers.find((x) => x.email.toLowerCase() === email.toLowerCase())!;
    s.status = 'declined';
    s.declinedReason = reason;
    env.status = 'declined';
    return this.connectMessage('envelope-declined', env, s.recipientId);
  }

  /** A Connect (JSON, SIM) message: event, generatedDateTime, data with the envelope summary. */
  connectMessage(event: string, env: DsEnvelope, recipientId?: string): ConnectMessage {
    return {
      event,
      apiVersion: 'v2.1',
      uri: `/restapi/v2.1/accounts/${this.config.accountId}/envelopes/${env.envelopeId}`,
      retryCount: 0,
      configurationId: 10001,
      generatedDateTime: new Date().toISOString(),
      data: {
        accountId: this.config.accountId,
        userId: this.config.userId,
        envelopeId: env.envelopeId,
        ...(recipientId ? { recipientId } : {}),
        envelopeSummary: this.envelopeView(env, true),
      },
    };
  }

  /** Posts a Connect message with its HMAC signature (made with `hmacKey`; none when undefined). */
  async deliver(url: string, message: ConnectMessage | string, hmacKey: string | undefined): Promise<{ status: number; json: any }> {
    const body = typeof message === 'string' ? message : JSON.stringify(message);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (hmacKey !== undefined) headers['x-docusign-signature-1'] = createHmac('sha256', hmacKey).update(body).digest('base64');
    const res = await fetch(url, { method: 'POST', headers, body });
    const text = await res.text();
    let json: any = {};
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, json };
  }
}

export type ConnectMessage = Record<string, any> & { event: string; generatedDateTime: string };
