import { createHash } from 'node:crypto';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Env } from '../../config/env.js';
import { calendarDateIn } from '../../core/domain/calendar-date.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import { isAppError } from '../../core/errors.js';
import { handleAction } from '../../core/interactions/handle-action.js';
import type { Actor, InteractionDeps, InteractionResult } from '../../core/interactions/interaction.js';
import { runCommandText } from '../../core/interactions/run-command.js';
import { submitForm } from '../../core/interactions/submit-form.js';
import type { PlaygroundContent, PlaygroundMessage, PlaygroundPersona } from '../../core/ports/playground.js';
import type { Services } from '../../core/ports/services.js';
import { ingestContractFile } from '../../core/services/ingest-contract-file.js';
import { upcomingRenewalsForViewer } from '../../core/services/renewals-for-viewer.js';
import { todayFor } from '../../core/services/today-for.js';
import { formatMoney } from '../../core/domain/money.js';
import { proposedTermsMessage } from '../../core/views/proposed-terms-message.js';
import { renewalTimelineChart, timelineWindowDays } from '../../core/views/renewal-charts.js';
import { chatRateLimits, clientIp } from '../../http/rate-limiter.js';
import type { PlaygroundEvents } from './playground-events.js';
import { clientMessage } from './render/client-message.js';
import { dmConversation } from './web-notifier.js';
import type { WebPlatform } from './web-platform.js';

/** The playground's command word and name in help and error texts. */
const WEB_SURFACE = { prefix: 'contract', name: 'the playground' } as const;

/** The conversations a persona sees, by the page's names. */
const CONVERSATIONS = ['dm', 'approvals', 'renewals'] as const;
const JSON_LIMIT = '64kb';
const HISTORY = 200;

const ZPersonaKey = z.string().trim().min(1).max(40);
const ZInputs = z.record(z.string().max(100), z.string().max(20_000).optional()).default({});
const ZCommandBody = z.object({ persona: ZPersonaKey, text: z.string().trim().min(1, 'type a command').max(2_000) }).strict();
const ZActionBody = z
  .object({
    persona: ZPersonaKey,
    messageId: z.string().min(1).max(100),
    actionId: z.string().min(1).max(100),
    value: z.record(z.string().max(100), z.unknown()).default({}),
    inputs: ZInputs,
  })
  .strict();
const ZFormBody = z
  .object({
    persona: ZPersonaKey,
    messageId: z.string().min(1).max(100).optional(),
    formId: z.string().min(1).max(100),
    context: z.record(z.string().max(100), z.unknown()).default({}),
    inputs: ZInputs,
    submissionKey: z.string().min(1).max(200).optional(),
  })
  .strict();
const ZPersonaQuery = z.object({ persona: ZPersonaKey }).loose();
const ZUploadQuery = z.object({ persona: ZPersonaKey, name: z.string().trim().min(1).max(200) }).loose();

/** A clear 4xx: `{ error }` names what was wrong. */
function fail(res: Response, status: number, error: string, extra: Record<string, unknown> = {}): void {
  if (!res.headersSent) res.status(status).json({ error, ...extra });
}

function zodProblem(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
}

interface ApiHost {
  services: Services;
  env: Env;
  web: WebPlatform;
  events: PlaygroundEvents;
}

/**
 * The playground's JSON API under /playground/api (README "Try it in two minutes"): the persona
 * acting is named in every request (the playground has no login: it is bound to loopback unless
 * told otherwise). Commands, clicks and forms go to the one interaction layer; what comes back is
 * stored in the persona's conversation and returned rendered.
 */
export function playgroundApi(host: ApiHost): Router {
  const { services, env, web, events } = host;
  const { messages, demo } = web;
  const personas = demo.personas;
  const limits = chatRateLimits(env, () => services.clock.now().getTime());
  const router = express.Router();

  const deps: InteractionDeps = {
    get store() {
      return services.approvals;
    },
    get approvals() {
      return services.approvals;
    },
    companyName: env.COMPANY_NAME,
    admins: env.CLAUSE_ADMINS,
    clock: services.clock,
    forms: services.forms,
    renewals: async () => services,
    ask: () => services.askServices(),
  };

  const userOf = (p: PlaygroundPersona): UserRef => ({ platform: 'web', id: p.key, email: p.email, displayName: p.name });
  const actorOf = (p: PlaygroundPersona): Actor => ({
    user: userOf(p),
    person: async (id) => {
      const other = personas.find((x) => x.key === id.trim().replace(/^@/, '').toLowerCase());
      return other ? userOf(other) : undefined;
    },
  });
  const render = (m: PlaygroundMessage) => clientMessage(m, personas);
  const visible = (p: PlaygroundPersona) => [dmConversation(p.key), 'approvals', 'renewals'];

  /** The persona named in a body or query; answers 400 (and returns undefined) when unknown. */
  const personaOf = (res: Response, key: string): PlaygroundPersona | undefined => {
    const persona = personas.find((p) => p.key === key);
    if (!persona) fail(res, 400, `unknown persona "${key.slice(0, 40)}": one of ${personas.map((p) => p.key).join(', ')}`);
    return persona;
  };

  const parse = <T>(res: Response, schema: z.ZodType<T>, input: unknown): T | undefined => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) fail(res, 400, zodProblem(parsed.error));
    return parsed.success ? parsed.data : undefined;
  };

  const limited = (req: Request, res: Response, persona?: PlaygroundPersona): boolean => {
    if (!limits.perIp.take(clientIp(req)) || (persona && !limits.perUser.take(`web:${persona.key}`))) {
      fail(res, 429, 'You are sending requests faster than Clause takes them; wait a minute and try again. Nothing was changed.');
      return true;
    }
    return false;
  };

  const toDm = (p: PlaygroundPersona, content: PlaygroundContent) => messages.add({ conversation: dmConversation(p.key), from: { kind: 'clause' }, content });

  /** What a result shows in the persona's DM (a new message), or in place of `replacing`. */
  const contentOf = async (result: InteractionResult): Promise<PlaygroundContent> => {
    switch (result.kind) {
      case 'reply':
      case 'update':
      case 'filed':
        return { kind: 'message', message: result.message };
      case 'form':
        return { kind: 'form', form: result.form, ...(result.note ? { note: result.note } : {}) };
      case 'errors':
        return { kind: 'form', form: { ...result.form, errors: result.errors } };
    }
  };

  router.use((req, res, next) => (limited(req, res) ? undefined : next()));

  router.get('/personas', (_req, res) => {
    res.json({ company: demo.company, personas: personas.map(({ key, name, role, title }) => ({ key, name, role, title })) });
  });

  router.get('/status', async (_req, res, next) => {
    try {
      const status = await demo.status();
      res.json({ company: demo.company, ...status, canSeed: status.contracts === 0 || status.demo });
    } catch (error) {
      next(error);
    }
  });

  router.post('/seed', async (_req, res, next) => {
    try {
      const outcome = await demo.seed();
      if (!outcome.ok) return fail(res, 409, outcome.reason);
      res.json({ summary: outcome.summary });
    } catch (error) {
      next(error);
    }
  });

  router.get('/conversations/:id/messages', async (req, res, next) => {
    const query = parse(res, ZPersonaQuery, req.query);
    if (!query) return;
    const persona = personaOf(res, query.persona);
    if (!persona) return;
    const id = String(req.params.id);
    if (!(CONVERSATIONS as readonly string[]).includes(id)) return fail(res, 404, `no conversation "${id.slice(0, 40)}": one of ${CONVERSATIONS.join(', ')}`);
    try {
      const list = await messages.list(id === 'dm' ? dmConversation(persona.key) : id, HISTORY);
      res.json({ conversation: id, messages: list.map(render) });
    } catch (error) {
      next(error);
    }
  });

  router.post('/command', express.json({ limit: JSON_LIMIT }), async (req, res, next) => {
    const body = parse(res, ZCommandBody, req.body);
    if (!body) return;
    const persona = personaOf(res, body.persona);
    if (!persona || limited(req, res, persona)) return;
    try {
      const typed = await messages.add({
        conversation: dmConversation(persona.key),
        from: { kind: 'persona', key: persona.key },
        content: { kind: 'typed', text: body.text },
      });
      // The command word is optional, as in Teams: "contract new", "/contract new" and "new" are the same.
      const result = await runCommandText(deps, actorOf(persona), WEB_SURFACE, body.text.replace(/^\/?contracts?\b\s*/i, ''));
      const answer = await toDm(persona, await contentOf(result));
      res.json({ result: result.kind, messages: [render(typed.message), render(answer.message)] });
    } catch (error) {
      next(error);
    }
  });

  router.post('/action', express.json({ limit: JSON_LIMIT }), async (req, res, next) => {
    const body = parse(res, ZActionBody, req.body);
    if (!body) return;
    const persona = personaOf(res, body.persona);
    if (!persona || limited(req, res, persona)) return;
    try {
      const clicked = await messages.get(body.messageId);
      if (!clicked || !visible(persona).includes(clicked.conversation)) return fail(res, 404, 'no such message in your conversations');
      const result = await handleAction(deps, actorOf(persona), { actionId: body.actionId, value: body.value, inputs: body.inputs });
      const shown: PlaygroundMessage[] = [];
      if (result.kind === 'update') {
        const replaced = await messages.replace(clicked.id, { kind: 'message', message: result.message });
        if (replaced) shown.push(replaced);
      } else if (result.kind === 'reply') {
        const card = result.cardNow ? await result.cardNow() : undefined;
        if (card) {
          const replaced = await messages.replace(clicked.id, { kind: 'message', message: card });
          if (replaced) shown.push(replaced);
        }
        shown.push((await toDm(persona, { kind: 'message', message: result.message })).message);
      } else {
        shown.push((await toDm(persona, await contentOf(result))).message);
      }
      res.json({ result: result.kind, messages: shown.map(render) });
    } catch (error) {
      next(error);
    }
  });

  router.post('/form', express.json({ limit: JSON_LIMIT }), async (req, res, next) => {
    const body = parse(res, ZFormBody, req.body);
    if (!body) return;
    const persona = personaOf(res, body.persona);
    if (!persona || limited(req, res, persona)) return;
    try {
      const stored = body.messageId ? await messages.get(body.messageId) : undefined;
      if (body.messageId && (!stored || stored.conversation !== dmConversation(persona.key))) return fail(res, 404, 'no such form in your conversation');
      const result = await submitForm(deps, actorOf(persona), {
        formId: body.formId,
        context: body.context,
        inputs: body.inputs,
        ...(body.submissionKey ? { submissionKey: body.submissionKey } : {}),
      });
      const content = await contentOf(result);
      const placed = stored ? await messages.replace(stored.id, content) : (await toDm(persona, content)).message;
      const shown = placed ? [render(placed)] : [];
      if (result.kind === 'errors') return res.status(422).json({ result: 'errors', errors: result.errors, messages: shown });
      if (result.kind === 'reply' && result.cardNow) await result.cardNow(); // shared cards are already redrawn by the core
      res.json({ result: result.kind, messages: shown });
    } catch (error) {
      next(error);
    }
  });

  router.post('/upload', express.raw({ type: () => true, limit: env.CONTRACT_FILE_MAX_MB * 1024 * 1024 }), async (req, res, next) => {
    const query = parse(res, ZUploadQuery, req.query);
    if (!query) return;
    const persona = personaOf(res, query.persona);
    if (!persona || limited(req, res, persona)) return;
    if (!limits.uploads.take(`web:${persona.key}`)) return fail(res, 429, 'Too many uploads this hour; try again later.');
    const bytes = Buffer.isBuffer(req.body) ? new Uint8Array(req.body) : new Uint8Array();
    try {
      const hash = createHash('sha256').update(bytes).digest('hex');
      const { terms } = await services.askServices();
      const proposal = await ingestContractFile(terms, { user: userOf(persona), fileName: query.name, bytes, sourceKey: `web:${persona.key}:${hash}` });
      const posted = await messages.add({
        id: `upload-${persona.key}-${hash.slice(0, 32)}`,
        conversation: dmConversation(persona.key),
        from: { kind: 'clause' },
        content: { kind: 'message', message: proposedTermsMessage(proposal) },
      });
      res.json({ result: 'proposed', messages: [render(posted.message)] });
    } catch (error) {
      if (isAppError(error)) return fail(res, 400, error.message);
      next(error);
    }
  });

  router.get('/renewals', async (req, res, next) => {
    const query = parse(res, ZPersonaQuery, req.query);
    if (!query) return;
    const persona = personaOf(res, query.persona);
    if (!persona) return;
    try {
      const { list, chart } = await timeline(persona);
      res.json({
        title: chart.title,
        subtitle: chart.subtitle,
        alt: chart.alt,
        notes: chart.notes,
        items: list.items.map((i) => ({
          ref: i.contract.ref,
          title: i.contract.title,
          counterparty: i.contract.counterparty,
          deadline: i.deadline,
          daysLeft: i.daysLeft,
          termEnd: i.termEnd,
          value: i.contract.value ? formatMoney(i.contract.value) : '',
          decision: i.decision === 'renew' ? 'renewing' : i.decision === 'lapse' ? 'lapsing' : 'undecided',
          owner: i.contract.owner.displayName ?? i.contract.owner.email ?? '',
        })),
      });
    } catch (error) {
      next(error);
    }
  });

  router.get('/renewals/timeline.svg', async (req, res, next) => {
    const query = parse(res, ZPersonaQuery, req.query);
    if (!query) return;
    const persona = personaOf(res, query.persona);
    if (!persona) return;
    try {
      const { chart } = await timeline(persona);
      res
        .type('image/svg+xml')
        .set('Cache-Control', 'no-store')
        .send(await demo.chartSvg(chart));
    } catch (error) {
      next(error);
    }
  });

  /** The persona's 12-month renewal timeline: the renewals `contract renewals` would show them. */
  async function timeline(persona: PlaygroundPersona) {
    const user = userOf(persona);
    const today = await todayFor(services.renewals, user).catch(() => calendarDateIn(services.clock.now()));
    const { list, manager } = await upcomingRenewalsForViewer(
      { renewals: services.renewals.renewals, policy: services.approvals.policy },
      { user, days: timelineWindowDays(today, 12), today },
    );
    return { list, chart: renewalTimelineChart(list, manager ? 'Renewal timeline' : 'Your renewal timeline') };
  }

  router.get('/events', (req, res) => {
    const query = parse(res, ZPersonaQuery, req.query);
    if (!query) return;
    const persona = personaOf(res, query.persona);
    if (!persona) return;
    events.open(res, visible(persona));
  });

  return router;
}
