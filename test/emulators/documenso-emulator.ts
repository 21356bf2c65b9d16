/**
 * A local emulator of Documenso's public API v2 (the envelope endpoints the official
 * `@documenso/sdk-typescript` calls: create (multipart `payload` + `files[]`), distribute, get,
 * redistribute, cancel, item download) and of its webhooks (JSON `{event, payload, createdAt,
 * webhookEndpoint}` with the shared secret in `X-Documenso-Secret`). Responses carry every field
 * the SDK's response schemas require. The API key goes in `Authorization` as is (no "Bearer").
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { CallLog, HttpEmulatorServer, headerValue, parseMultipart, sendJson } from './http-emulator.js';

interface EmuRecipient {
  id: number;
  email: string;
  name: string;
  role: 'SIGNER' | 'CC' | 'VIEWER' | 'APPROVER' | 'ASSISTANT';
  signingOrder: number | null;
  token: string;
  signingStatus: 'NOT_SIGNED' | 'SIGNED' | 'REJECTED';
  sendStatus: 'NOT_SENT' | 'SENT';
  readStatus: 'NOT_OPENED' | 'OPENED';
  signedAt: string | null;
  rejectionReason: string | null;
  fields: unknown[];
}

export interface EmuEnvelope {
  id: string;
  /** The legacy numeric document id webhooks carry as `payload.id`. */
  documentId: number;
  itemId: string;
  title: string;
  externalId: string | null;
  status: 'DRAFT' | 'PENDING' | 'COMPLETED' | 'REJECTED' | 'CANCELLED';
  pdf: Uint8Array;
  signedPdf?: Uint8Array;
  recipients: EmuRecipient[];
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  subject: string | null;
  message: string | null;
  cancelReason?: string;
  distributions: number;
}

export interface DocumensoCall {
  method: string;
  path: string;
  authorization?: string;
}

export class DocumensoEmulator {
  readonly apiKey = `api_${randomUUID().replace(/-/g, '')}`;
  readonly envelopes = new Map<string, EmuEnvelope>();
  readonly calls = new CallLog<DocumensoCall>();
  private readonly server = new HttpEmulatorServer('documenso emulator');
  private nextDocumentId = 100;
  private nextRecipientId = 500;
  /** Fail the next N calls to this path with this status. */
  private failures: Array<{ path: string; status: number; times: number }> = [];
  now: () => Date = () => new Date();

  get apiUrl(): string {
    return `${this.server.url}/api/v2`;
  }

  async start(): Promise<{ apiUrl: string }> {
    await this.server.start((req, res, body) => this.handle(req, res, body));
    return { apiUrl: this.apiUrl };
  }

  stop(): Promise<void> {
    return this.server.stop();
  }

  failNext(path: string, status: number, times = 1): void {
    this.failures.push({ path, status, times });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v2/, '');
    this.calls.add({ method: req.method ?? 'GET', path, ...(headerValue(req, 'authorization') ? { authorization: headerValue(req, 'authorization') } : {}) });
    if (headerValue(req, 'authorization') !== this.apiKey) return sendJson(res, 401, { message: 'Unauthorized', code: 'UNAUTHORIZED' });
    const failure = this.failures.find((f) => path.startsWith(f.path));
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      return sendJson(res, failure.status, { message: 'injected failure', code: 'INTERNAL_SERVER_ERROR' });
    }
    const json = () => JSON.parse(body.toString('utf8') || '{}') as Record<string, any>;

    if (req.method === 'POST' && path === '/envelope/create') {
      const form = await parseMultipart(headerValue(req, 'content-type') ?? '', body);
      const payloadRaw = form.get('payload');
      const file = form.get('files[]') ?? form.get('files');
      if (typeof payloadRaw !== 'string' || !file || typeof file === 'string')
        return sendJson(res, 400, { message: 'payload and files[] are required', code: 'INVALID_BODY' });
      const payload = JSON.parse(payloadRaw) as Record<string, any>;
      if (typeof payload.title !== 'string' || payload.type !== 'DOCUMENT')
        return sendJson(res, 400, { message: 'title and type DOCUMENT are required', code: 'INVALID_BODY' });
      const pdf = new Uint8Array(await file.arrayBuffer());
      if (Buffer.from(pdf.subarray(0, 5)).toString('latin1') !== '%PDF-') return sendJson(res, 400, { message: 'files must be PDF', code: 'INVALID_BODY' });
      const id = `envelope_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
      const at = this.now().toISOString();
      this.envelopes.set(id, {
        id,
        documentId: this.nextDocumentId++,
        itemId: `envelope_item_${randomUUID().replace(/-/g, '').slice(0, 16)}`,
        title: payload.title,
        externalId: payload.externalId ?? null,
        status: 'DRAFT',
        pdf,
        recipients: (payload.recipients ?? []).map((r: Record<string, any>) => ({
          id: this.nextRecipientId++,
          email: String(r.email),
          name: String(r.name ?? ''),
          role: r.role ?? 'SIGNER',
          signingOrder: r.signingOrder ?? null,
          token: randomUUID(),
          signingStatus: 'NOT_SIGNED',
          sendStatus: 'NOT_SENT',
          readStatus: 'NOT_OPENED',
          signedAt: null,
          rejectionReason: null,
          fields: r.fields ?? [],
        })),
        createdAt: at,
        updatedAt: at,
        completedAt: null,
        subject: payload.meta?.subject ?? null,
        message: payload.meta?.message ?? null,
        distributions: 0,
      });
      return sendJson(res, 200, { id });
    }
    if (req.method === 'POST' && path === '/envelope/distribute') {
      const env = this.envelopes.get(String(json().envelopeId));
      if (!env) return sendJson(res, 404, { message: 'Envelope not found', code: 'NOT_FOUND' });
      if (env.recipients.some((r) => r.role === 'SIGNER' && r.fields.length === 0))
        return sendJson(res, 400, { message: 'Signers need a signature field', code: 'INVALID_REQUEST' });
      env.status = 'PENDING';
      env.distributions += 1;
      for (const r of env.recipients) r.sendStatus = 'SENT';
      return sendJson(res, 200, { success: true, id: env.id, recipients: env.recipients.map((r) => this.shortRecipient(r)) });
    }
    if (req.method === 'POST' && path === '/envelope/redistribute') {
      const input = json();
      const env = this.envelopes.get(String(input.envelopeId));
      if (!env) return sendJson(res, 404, { message: 'Envelope not found', code: 'NOT_FOUND' });
      if (env.status !== 'PENDING') return sendJson(res, 400, { message: 'Envelope is not pending', code: 'INVALID_REQUEST' });
      env.distributions += 1;
      const ids = new Set<number>(input.recipients ?? []);
      return sendJson(res, 200, { success: true, id: env.id, recipients: env.recipients.filter((r) => ids.has(r.id)).map((r) => this.shortRecipient(r)) });
    }
    if (req.method === 'POST' && path === '/envelope/cancel') {
      const input = json();
      const env = this.envelopes.get(String(input.envelopeId));
      if (!env) return sendJson(res, 404, { message: 'Envelope not found', code: 'NOT_FOUND' });
      if (env.status !== 'PENDING') return sendJson(res, 400, { message: 'Only a pending envelope can be cancelled', code: 'INVALID_REQUEST' });
      env.status = 'CANCELLED';
      env.cancelReason = input.reason;
      return sendJson(res, 200, { success: true });
    }
    const item = /^\/envelope\/item\/([^/]+)\/download$/.exec(path);
    if (req.method === 'GET' && item) {
      const env = [...this.envelopes.values()].find((e) => e.itemId === decodeURIComponent(item[1]!));
      if (!env) return sendJson(res, 404, { message: 'Item not found', code: 'NOT_FOUND' });
      const version = url.searchParams.get('version') ?? 'signed';
      const bytes = version === 'signed' ? env.signedPdf : env.pdf;
      if (!bytes) return sendJson(res, 400, { message: 'The document is not signed yet', code: 'INVALID_REQUEST' });
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-disposition': `attachment; filename="${env.title}.pdf"` });
      res.end(Buffer.from(bytes));
      return;
    }
    const get = /^\/envelope\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && get) {
      const env = this.envelopes.get(decodeURIComponent(get[1]!));
      if (!env) return sendJson(res, 404, { message: 'Envelope not found', code: 'NOT_FOUND' });
      return sendJson(res, 200, this.fullEnvelope(env));
    }
    sendJson(res, 404, { message: `no route ${req.method} ${path}`, code: 'NOT_FOUND' });
  }

  private shortRecipient(r: EmuRecipient) {
    return {
      id: r.id,
      name: r.name,
      email: r.email,
      token: r.token,
      role: r.role,
      signingOrder: r.signingOrder,
      signingUrl: `${this.server.url}/sign/${r.token}`,
    };
  }

  private fullEnvelope(env: EmuEnvelope) {
    return {
      internalVersion: 2,
      type: 'DOCUMENT',
      status: env.status,
      source: 'DOCUMENT',
      visibility: 'EVERYONE',
      templateType: 'PRIVATE',
      id: env.id,
      secondaryId: `document_${env.documentId}`,
      externalId: env.externalId,
      createdAt: env.createdAt,
      updatedAt: env.updatedAt,
      completedAt: env.completedAt,
      deletedAt: null,
      title: env.title,
      authOptions: null,
      formValues: null,
      publicTitle: '',
      publicDescription: '',
      userId: 1,
      teamId: 1,
      folderId: null,
      templateId: null,
      documentMeta: {
        signingOrder: 'SEQUENTIAL',
        distributionMethod: 'EMAIL',
        id: `meta_${env.documentId}`,
        subject: env.subject,
        message: env.message,
        timezone: 'Etc/UTC',
        dateFormat: 'yyyy-MM-dd hh:mm a',
        redirectUrl: null,
        typedSignatureEnabled: true,
        uploadSignatureEnabled: true,
        drawSignatureEnabled: true,
        allowDictateNextSigner: false,
        language: 'en',
        emailSettings: null,
        emailId: null,
        emailReplyTo: null,
        envelopeExpirationPeriod: null,
      },
      recipients: env.recipients.map((r) => ({
        envelopeId: env.id,
        role: r.role,
        readStatus: r.readStatus,
        signingStatus: r.signingStatus,
        sendStatus: r.sendStatus,
        id: r.id,
        email: r.email,
        name: r.name,
        token: r.token,
        documentDeletedAt: null,
        expired: null,
        expiresAt: null,
        expirationNotifiedAt: null,
        signedAt: r.signedAt,
        authOptions: null,
        signingOrder: r.signingOrder,
        rejectionReason: r.rejectionReason,
      })),
      fields: [],
      envelopeItems: [{ envelopeId: env.id, documentDataId: `data_${env.documentId}`, id: env.itemId, title: env.title, order: 1 }],
      directLink: null,
      team: { id: 1, url: 'clause-test' },
      user: { id: 1, name: 'Clause', email: 'clause@example.com' },
    };
  }

  /** A signer signs; returns the DOCUMENT_SIGNED webhook body (and DOCUMENT_COMPLETED's when it was the last). */
  async sign(envelopeId: string, email: string): Promise<{ signed: WebhookBody; completed?: WebhookBody }> {
    const env = this.mustGet(envelopeId);
    const r = env.recipients.find((x) => x.email.toLowerCase() === email.toLowerCase());
    if (!r) throw new Error(`no recipient ${email}`);
    const at = this.now().toISOString();
    r.signingStatus = 'SIGNED';
    r.readStatus = 'OPENED';
    r.signedAt = at;
    env.updatedAt = at;
    const signed = this.webhookBody('DOCUMENT_SIGNED', env);
    if (env.recipients.filter((x) => x.role === 'SIGNER').every((x) => x.signingStatus === 'SIGNED')) {
      env.status = 'COMPLETED';
      env.completedAt = at;
      env.signedPdf = await this.stampSigned(env);
      return { signed, completed: this.webhookBody('DOCUMENT_COMPLETED', env) };
    }
    return { signed };
  }

  reject(envelopeId: string, email: string, reason: string): WebhookBody {
    const env = this.mustGet(envelopeId);
    const r = env.recipients.find((x) => x.email.toLowerCase() === email.toLowerCase());
    if (!r) throw new Error(`no recipient ${email}`);
    r.signingStatus = 'REJECTED';
    r.rejectionReason = reason;
    env.status = 'REJECTED';
    env.updatedAt = this.now().toISOString();
    return this.webhookBody('DOCUMENT_REJECTED', env);
  }

  /** The webhook body Documenso posts: the legacy document shape with its `Recipient` list. */
  webhookBody(event: string, env: EmuEnvelope): WebhookBody {
    return {
      event,
      payload: {
        id: env.documentId,
        externalId: env.externalId,
        userId: 1,
        authOptions: null,
        formValues: null,
        visibility: 'EVERYONE',
        title: env.title,
        status: env.status,
        documentDataId: `data_${env.documentId}`,
        createdAt: env.createdAt,
        updatedAt: env.updatedAt,
        completedAt: env.completedAt,
        deletedAt: null,
        teamId: 1,
        templateId: null,
        source: 'DOCUMENT',
        Recipient: env.recipients.map((r) => ({
          id: r.id,
          documentId: env.documentId,
          templateId: null,
          email: r.email,
          name: r.name,
          token: r.token,
          documentDeletedAt: null,
          expired: null,
          signedAt: r.signedAt,
          authOptions: null,
          signingOrder: r.signingOrder,
          rejectionReason: r.rejectionReason,
          role: r.role,
          readStatus: r.readStatus,
          signingStatus: r.signingStatus,
          sendStatus: r.sendStatus,
        })),
      },
      createdAt: this.now().toISOString(),
      webhookEndpoint: 'configured-by-test',
    };
  }

  /** Posts a webhook body to `url` as Documenso does. */
  async deliver(url: string, body: WebhookBody | string, secret: string | undefined): Promise<{ status: number; text: string; json: any }> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Documenso' };
    if (secret !== undefined) headers['x-documenso-secret'] = secret;
    const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    let json: any = {};
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON */
    }
    return { status: res.status, text, json };
  }

  private mustGet(envelopeId: string): EmuEnvelope {
    const env = this.envelopes.get(envelopeId);
    if (!env) throw new Error(`no envelope ${envelopeId}`);
    return env;
  }

  /** The "signed" PDF: the original with a signing certificate page naming who signed when. */
  private async stampSigned(env: EmuEnvelope): Promise<Uint8Array> {
    const pdf = await PDFDocument.load(env.pdf);
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const page = pdf.addPage();
    let y = page.getHeight() - 60;
    page.drawText('Signing certificate (Documenso emulator)', { x: 50, y, size: 12, font });
    for (const r of env.recipients) {
      y -= 20;
      page.drawText(`Signed by ${r.name} <${r.email}> at ${r.signedAt ?? '-'}`, { x: 50, y, size: 10, font });
    }
    return pdf.save();
  }
}

export type WebhookBody = { event: string; payload: Record<string, unknown>; createdAt: string; webhookEndpoint: string };
