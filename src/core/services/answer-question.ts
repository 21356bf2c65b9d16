import { z } from 'zod';
import { AI_FALLBACK_NOTE, type Answer } from '../ask/answer.js';
import { answerFromText } from '../ask/answer-from-text.js';
import type { AskDeps } from '../ask/ask-deps.js';
import { visibleContracts } from '../ask/contract-visibility.js';
import { parseQuestion } from '../ask/parse-question.js';
import { runStructuredQuery } from '../ask/run-structured-query.js';
import { ASK_TOOLS, SEARCH_TEXT_TOOL, structuredQueryFromTool, type StructuredQuery } from '../ask/structured-query.js';
import { withDeadline } from '../ask/with-deadline.js';
import { calendarDateIn } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { parseOrThrow } from '../validation.js';

export interface AnswerQuestionInput {
  user: UserRef;
  question: string;
  now?: Date;
}

const ZQuestion = z
  .string()
  .trim()
  .min(3, 'ask a question, e.g. "which renewals are due in the next 60 days?"')
  .max(1000, 'is too long (1000 characters at most)');

type Route = { kind: 'structured'; query: StructuredQuery } | { kind: 'wording' };

/** The model's reading of the question, or undefined when it failed (then the built-in one is used). */
async function routeWithModel(deps: AskDeps, question: string, today: string): Promise<Route | 'failed' | undefined> {
  if (!deps.model) return undefined;
  try {
    const choice = await withDeadline(deps.model.chooseTool(question, ASK_TOOLS, today), deps.modelDeadlineMs, 'choosing a tool');
    if (!choice || choice.name === SEARCH_TEXT_TOOL) return { kind: 'wording' };
    const query = structuredQueryFromTool(choice.name, choice.arguments);
    // A made-up tool or bad arguments: not an outage, just use the built-in reading.
    return query ? { kind: 'structured', query } : undefined;
  } catch {
    return 'failed';
  }
}

function builtInRoute(question: string, visible: readonly Contract[]): Route {
  const parsed = parseQuestion(question, visible);
  return parsed.kind === 'wording' ? { kind: 'wording' } : { kind: 'structured', query: parsed };
}

/**
 * Answers a question about the contracts the user may see: structured questions (renewals due,
 * contracts with a counterparty, status, totals, what waits on me) exactly from the database, and
 * questions about wording from the contract text with citations. With an LLM configured it picks
 * the route (tool calling) and writes grounded answers; without one, or when it fails, the
 * built-in parser and quoting answer, and the reply says so.
 */
export async function answerQuestion(deps: AskDeps, input: AnswerQuestionInput): Promise<Answer> {
  const question = parseOrThrow(ZQuestion, input.question, 'question');
  const now = input.now ?? deps.clock.now();
  const today = calendarDateIn(now);
  const visible = await visibleContracts(deps, input.user);

  const modelRoute = await routeWithModel(deps, question, today);
  const note = modelRoute === 'failed' ? AI_FALLBACK_NOTE : undefined;
  const route = modelRoute && modelRoute !== 'failed' ? modelRoute : builtInRoute(question, visible);
  const answeredBy = modelRoute && modelRoute !== 'failed' ? 'llm' : 'built_in';

  if (route.kind === 'structured') {
    const text = await runStructuredQuery(deps, route.query, { user: input.user, visible, today, question });
    return { question, text, citations: [], source: 'database', answeredBy, ...(note ? { note } : {}) };
  }
  return answerFromText(deps, question, visible, note);
}
