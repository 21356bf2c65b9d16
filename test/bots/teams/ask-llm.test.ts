import { cardAction, personalMessage, type TestActivity } from '../../support/bot-activity.js';
import { OpenAIEmulator, type ModelRequest, type ModelReply } from '../../emulators/openai-emulator.js';
import { textPdf } from '../../infra/documents/contract-files.js';
import { contractWithDates, GLOBEX_NDA } from '../../core/ask/contract-texts.js';
import { useTeamsFileHost, say as sayIn } from './teams-file-host.js';
import { cardText, executeActions, invokeBody, useTeamsService, USERS } from './teams-harness.js';

// The emulator must be up before the service reads its URL from the environment.
const ai = new OpenAIEmulator({ apiKey: 'sk-teams' });
const env: Record<string, string> = {};
beforeAll(async () => {
  await ai.start();
  Object.assign(env, { OPENAI_API_KEY: 'sk-teams', OPENAI_BASE_URL: ai.baseURL, OPENAI_TIMEOUT_MS: '1500' });
});
afterAll(() => ai.stop());
const h = useTeamsService('teams_ask_llm', env);

const { withFile } = useTeamsFileHost();
const say = (activity: TestActivity) => sayIn(h, activity);

/** A plausible model: reads terms with quotes, routes questions with tools, answers from passages. */
function model(req: ModelRequest): ModelReply {
  const format = (req.body.response_format as { json_schema?: { name?: string } } | undefined)?.json_schema?.name;
  const user = req.messages.at(-1)!.content;
  if (format === 'key_terms') {
    const counterparty = user.includes('Globex') ? 'Globex Corporation' : 'Acme Corp';
    return {
      json: {
        documentName: null,
        parties: [{ value: counterparty, quote: counterparty }],
        agreementDate: null,
        effectiveDate: null,
        expirationDate: null,
        renewalTermMonths: null,
        // A value the model made up: no such sentence, so it is dropped.
        noticePeriodDays: { value: 15, quote: 'Notice of fifteen days applies.' },
        governingLaw: null,
        value: null,
      },
    };
  }
  if (req.body.tools) {
    if (/renewals/i.test(user)) return { toolCalls: [{ name: 'renewals_due', arguments: { days: 365 } }] };
    return { toolCalls: [{ name: 'search_contract_text', arguments: { query: user } }] };
  }
  if (format === 'grounded_answer') {
    const m = /<passage id="(P\d+)"[^>]*>\n[\s\S]*?(Either party may terminate this Agreement for convenience[^.]*\.)/.exec(user);
    return m
      ? {
          json: {
            found: true,
            answer: 'Yes: either party may end it for convenience on 30 days’ written notice.',
            citations: [{ passage: m[1], quote: m[2] }],
          },
        }
      : { json: { found: false, answer: 'The passages do not say.', citations: [] } };
  }
  return { content: '' };
}

describe('Ask Clause in Teams with an LLM (OpenAI emulator)', () => {
  beforeAll(() => ai.setFallback(model));

  it('upload → LLM-checked terms → confirm → routed questions with verified citations; other contracts never sent', async () => {
    const { text, endDate } = contractWithDates(new Date());
    const proposal = await say(withFile(personalMessage(h.as(USERS.rita), ''), 'acme.pdf', await textPdf(text)));
    expect(proposal.text).toContain('Counterparty (AI)');
    expect(proposal.text).toContain('60 days'); // the rules' notice period; the model's invented 15 days was dropped
    expect(proposal.text).not.toContain('15 days');
    const data = executeActions(proposal.card).find((a) => a.verb === 'terms.confirm')!.data;
    const done = await invokeBody(await h.post(cardAction(h.as(USERS.rita), { verb: 'terms.confirm', data })));
    const ref = /C-\d{4}-\d{4}/.exec(cardText(done.value))![0];

    // Maria has her own contract, which Rita may not see.
    const globex = await say(withFile(personalMessage(h.as(USERS.maria), ''), 'globex.txt', new TextEncoder().encode(GLOBEX_NDA)));
    const globexData = executeActions(globex.card).find((a) => a.verb === 'terms.confirm')!.data;
    await invokeBody(await h.post(cardAction(h.as(USERS.maria), { verb: 'terms.confirm', data: globexData })));

    ai.reset();
    ai.setFallback(model);
    const renewals = await say(personalMessage(h.as(USERS.rita), 'contract ask any renewals coming up?'));
    expect(renewals.text).toContain(`${ref} Master Services Agreement (Acme Corp)`);
    expect(renewals.text).toContain(`term ends ${endDate}`);
    expect(renewals.text).not.toContain('Globex');

    const wording = await say(personalMessage(h.as(USERS.rita), 'Can we terminate for convenience?'));
    expect(wording.text).toContain('Yes: either party may end it for convenience');
    expect(wording.text).toContain(`${ref} Master Services Agreement, 4. TERMINATION: “Either party may terminate this Agreement for convenience`);
    expect(ai.sentText()).not.toMatch(/Globex|Zephyr/);
    expect(ai.requests().every((r) => r.authorization === 'Bearer sk-teams')).toBe(true);
  });

  it('falls back to the built-in answer when the model fails', async () => {
    ai.reset();
    ai.failNext({ endpoint: 'chat.completions', status: 500 });
    ai.failNext({ endpoint: 'chat.completions', status: 500 }); // the client retries once
    const answer = await say(personalMessage(h.as(USERS.rita), 'contract ask which renewals are due in the next 12 months?'));
    expect(answer.text).toMatch(/renewals? due in the next 360 days/);
    expect(answer.text).toContain('(the AI service did not answer; this is the built-in answer)');
  });
});
