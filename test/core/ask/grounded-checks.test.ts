/**
 * Measures the grounded (LLM) path's checks against scripted model answers from the OpenAI
 * emulator, over real HTTP and the real database: for each scripted answer, whether Ask Clause
 * keeps it (answeredBy llm, with only checked citations) or falls back to the built-in answer.
 * The figure (checks right / cases) is recorded in bench/README.md.
 */
import { useTestDatabase } from '../../support/database.js';
import { OpenAIEmulator, type ModelReply } from '../../emulators/openai-emulator.js';
import { answerQuestion } from '../../../src/core/services/answer-question.js';
import type { AskServices } from '../../../src/app/ask-services.js';
import type { Answer } from '../../../src/core/ask/answer.js';
import { unsupportedFigures } from '../../../src/core/ask/grounded-answer.js';
import { ACME_MSA } from './contract-texts.js';
import { ALICE, emulatorSettings, importText, servicesFor } from './ask-setup.js';

const db = useTestDatabase('ask_grounded_checks');
const ai = new OpenAIEmulator({ apiKey: 'sk-test' });
let withAi: AskServices;

const NOTICE = 'Either party may prevent a renewal by giving written notice of non-renewal at least sixty (60) days before the end of the then-current term.';
const CONVENIENCE = "Either party may terminate this Agreement for convenience upon thirty (30) days' prior written notice to the other party.";

/** The id of the passage holding `quote` in the grounded-answer request. */
function passageWith(content: string, quote: string): string {
  for (const m of content.matchAll(/<passage id="(P\d+)"[^>]*>\n([\s\S]*?)<\/passage>/g))
    if (m[2]!.replace(/\s+/g, ' ').includes(quote.slice(0, 40))) return m[1]!;
  return 'P1';
}

type Expect = 'kept' | 'fallback' | 'nothing';
interface Case {
  name: string;
  question: string;
  reply: (content: string) => { found: boolean; answer: string; citations: Array<{ passage: string; quote: string }> } | string;
  expect: Expect;
}

const CASES: Case[] = [
  {
    name: 'exact quote of the right passage',
    question: 'Can we terminate the Acme MSA for convenience?',
    expect: 'kept',
    reply: (c) => ({ found: true, answer: 'Yes, on 30 days’ written notice.', citations: [{ passage: passageWith(c, CONVENIENCE), quote: CONVENIENCE }] }),
  },
  {
    name: 'quote with other spacing and curly quotes',
    question: 'Can we terminate the Acme MSA for convenience?',
    expect: 'kept',
    reply: (c) => ({
      found: true,
      answer: 'Yes.',
      citations: [{ passage: passageWith(c, CONVENIENCE), quote: CONVENIENCE.replace("days'", 'days’').replace(/ /g, '  ') }],
    }),
  },
  {
    name: 'notice period with its figure',
    question: 'What is the notice period to stop the renewal of the Acme MSA?',
    expect: 'kept',
    reply: (c) => ({ found: true, answer: 'At least 60 days before the end of the term.', citations: [{ passage: passageWith(c, NOTICE), quote: NOTICE }] }),
  },
  {
    name: 'a figure the quote does not state',
    question: 'What is the notice period to stop the renewal of the Acme MSA?',
    expect: 'fallback',
    reply: (c) => ({ found: true, answer: 'The notice period is 180 days.', citations: [{ passage: passageWith(c, NOTICE), quote: NOTICE }] }),
  },
  {
    name: 'a made-up quote',
    question: 'What is the notice period to stop the renewal of the Acme MSA?',
    expect: 'fallback',
    reply: () => ({
      found: true,
      answer: 'Notice must be given 180 days before expiry.',
      citations: [{ passage: 'P1', quote: 'Notice must be given 180 days before expiry.' }],
    }),
  },
  {
    name: 'a passage it was not shown',
    question: 'Can we terminate the Acme MSA for convenience?',
    expect: 'fallback',
    reply: () => ({ found: true, answer: 'Yes.', citations: [{ passage: 'P42', quote: CONVENIENCE }] }),
  },
  {
    name: 'the right words under the wrong passage id',
    question: 'Can we terminate the Acme MSA for convenience?',
    expect: 'fallback',
    reply: (c) => {
      const right = passageWith(c, CONVENIENCE);
      const ids = [...c.matchAll(/<passage id="(P\d+)"/g)].map((m) => m[1]!);
      return { found: true, answer: 'Yes.', citations: [{ passage: ids.find((id) => id !== right) ?? 'P9', quote: CONVENIENCE }] };
    },
  },
  {
    name: 'a good and a made-up citation: the good one kept',
    question: 'Can we terminate the Acme MSA for convenience?',
    expect: 'kept',
    reply: (c) => ({
      found: true,
      answer: 'Yes, on 30 days’ notice.',
      citations: [
        { passage: passageWith(c, CONVENIENCE), quote: CONVENIENCE },
        { passage: 'P9', quote: 'made up' },
      ],
    }),
  },
  {
    name: 'the model finds nothing in the passages',
    question: 'When are invoices due under the Acme MSA?',
    expect: 'nothing',
    reply: () => ({ found: false, answer: '', citations: [] }),
  },
  { name: 'output that is not the schema', question: 'Can we terminate the Acme MSA for convenience?', expect: 'fallback', reply: () => '{"answer": "yes"}' },
  {
    name: 'a quote that is only part of a sentence',
    question: 'Can we terminate the Acme MSA for convenience?',
    expect: 'kept',
    reply: (c) => ({ found: true, answer: 'Yes.', citations: [{ passage: passageWith(c, CONVENIENCE), quote: 'terminate this Agreement for convenience' }] }),
  },
  {
    name: 'a contract reference and section number in the answer',
    question: 'Can we terminate the Acme MSA for convenience?',
    expect: 'kept',
    reply: (c) => ({
      found: true,
      answer: 'Yes: section 4 of C-2026-0001 allows it on 30 days’ notice.',
      citations: [{ passage: passageWith(c, CONVENIENCE), quote: CONVENIENCE }],
    }),
  },
];

function outcome(a: Answer): Expect {
  if (a.answeredBy === 'llm' && a.source === 'none') return 'nothing';
  return a.answeredBy === 'llm' && a.citations.length > 0 ? 'kept' : 'fallback';
}

beforeAll(async () => {
  await ai.start();
  const plain = await servicesFor(db);
  withAi = await servicesFor(db, emulatorSettings(ai.baseURL, 3000));
  await importText(plain, ALICE, ACME_MSA, 'acme-msa.txt');
});
afterAll(() => ai.stop());
beforeEach(() => ai.reset());

describe('grounded answers: the checks against scripted model answers', () => {
  const results: Array<{ name: string; ok: boolean }> = [];
  afterAll(() => {
    const ok = results.filter((r) => r.ok).length;
    console.log(`grounded checks right: ${ok}/${results.length}\n${results.map((r) => `  ${r.ok ? 'ok ' : 'BAD'} ${r.name}`).join('\n')}`);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    ai.enqueue({ toolCalls: [{ name: 'search_contract_text', arguments: { query: c.question } }] });
    ai.enqueue((req): ModelReply => {
      const r = c.reply(req.messages.at(-1)!.content);
      return typeof r === 'string' ? { content: r } : { json: r };
    });
    const a = await answerQuestion(withAi.ask, { user: ALICE, question: c.question });
    results.push({ name: c.name, ok: outcome(a) === c.expect });
    expect(outcome(a)).toBe(c.expect);
    for (const cit of a.citations) expect(ACME_MSA.slice(cit.start, cit.end)).toBe(cit.quote);
    if (c.expect === 'fallback') expect(a.note).toMatch(/could not be checked|did not answer/);
  });

  it('flags figures no quote states, not references or written-out numbers', () => {
    const cit = [{ quote: NOTICE, section: '2. TERM AND RENEWAL', contractRef: 'C-2026-0001', contractTitle: 'Master Services Agreement' }];
    expect(unsupportedFigures('The notice period is 60 days (section 2 of C-2026-0001).', cit)).toEqual([]);
    expect(unsupportedFigures('The notice period is 90 days.', cit)).toEqual([90]);
  });
});
