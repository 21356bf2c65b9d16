import type { Answer } from '../ask/answer.js';
import type { CardSection, ChatMessage } from './chat-message.js';

function citationLine(c: Answer['citations'][number]): string {
  return `${c.contractRef} ${c.contractTitle}${c.section ? `, ${c.section}` : ''}: “${c.quote.replace(/\s+/g, ' ').slice(0, 500)}”`;
}

/** An answer with its citations (contract, section, quoted sentence) and, when it applies, the fallback note. */
export function answerMessage(answer: Answer): ChatMessage {
  const sections: CardSection[] = [{ kind: 'text', text: answer.text }];
  // A built-in wording answer already is the list of quotes; only the LLM's prose needs them below.
  if (answer.citations.length > 0 && answer.answeredBy === 'llm') {
    sections.push(
      { kind: 'divider' },
      { kind: 'text', text: 'Sources:' },
      ...answer.citations.map((c) => ({ kind: 'context' as const, text: citationLine(c) })),
    );
  }
  const source = answer.source === 'database' ? 'From the contract records.' : answer.source === 'contract_text' ? 'From the contract text.' : undefined;
  if (source) sections.push({ kind: 'context', text: source });
  if (answer.note) sections.push({ kind: 'context', text: answer.note });
  const sourcesText = answer.answeredBy === 'llm' && answer.citations.length > 0 ? `\nSources:\n${answer.citations.map(citationLine).join('\n')}` : '';
  return {
    text: `${answer.text}${sourcesText}${answer.note ? `\n${answer.note}` : ''}`,
    card: { title: answer.question.slice(0, 150), sections },
  };
}
