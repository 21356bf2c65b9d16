import { z } from 'zod';
import type { Contract } from '../domain/contract.js';
import { formatMoney, type Money } from '../domain/money.js';
import { PROPOSED_FIELDS, type ProposedField, type TermProposal } from '../domain/term-proposal.js';
import { formatYearMonth, isYearMonth } from '../extraction/rules/parse-dates.js';
import type { CardSection, ChatMessage } from './chat-message.js';

/** Action ids the adapters route to confirmProposedTerms / the edit form. */
export const TERMS_ACTIONS = { confirm: 'terms.confirm', edit: 'terms.edit' } as const;

export const ZTermsActionValue = z.object({ proposalId: z.string().min(1).max(100) });

export const FIELD_LABELS: Record<ProposedField, string> = {
  title: 'Title',
  type: 'Type',
  counterparty: 'Counterparty',
  value: 'Value',
  startDate: 'Start date',
  endDate: 'End date',
  autoRenews: 'Auto-renews',
  renewalTermMonths: 'Renewal term',
  noticePeriodDays: 'Notice period',
  governingLaw: 'Governing law',
};

/** A proposed value as a person reads it; also the edit form's initial value. */
export function formatProposedValue(field: ProposedField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field === 'value') {
    const m = value as Money;
    return formatMoney(m);
  }
  if (field === 'autoRenews') return value ? 'yes' : 'no';
  if (field === 'renewalTermMonths') return `${String(value)} months`;
  if (field === 'noticePeriodDays') return `${String(value)} days`;
  return String(value);
}

/** Shows the terms read from an upload, each with the sentence it came from, for confirm or edit. */
export function proposedTermsMessage(proposal: TermProposal): ChatMessage {
  const partialOf = (f: ProposedField): string | undefined => {
    const p = proposal.sources[f]?.partialValue;
    return proposal.terms[f] === undefined && p !== undefined && isYearMonth(p) ? `${formatYearMonth(p)} (day not stated)` : undefined;
  };
  const fields = PROPOSED_FIELDS.map((f) => ({ label: FIELD_LABELS[f], value: formatProposedValue(f, proposal.terms[f]) || partialOf(f) || 'not found' }));
  const sources: CardSection[] = PROPOSED_FIELDS.flatMap((f) => {
    const s = proposal.sources[f];
    if (!s || f === 'type' || f === 'renewalTermMonths') return [];
    const by = s.extractor === 'llm' ? 'AI' : 'rules';
    return [{ kind: 'context' as const, text: `${FIELD_LABELS[f]} (${by}): “${s.sentence.slice(0, 400)}”` }];
  });
  const missing = PROPOSED_FIELDS.filter((f) => proposal.terms[f] === undefined && !partialOf(f)).map((f) => FIELD_LABELS[f].toLowerCase());
  const dayMissing = PROPOSED_FIELDS.filter((f) => partialOf(f)).map(
    (f) => `${FIELD_LABELS[f].toLowerCase()} (${partialOf(f)!.replace(' (day not stated)', '')})`,
  );
  const value = { proposalId: proposal.id };
  const sections: CardSection[] = [
    { kind: 'text', text: `I read these terms from ${proposal.fileName}. Check them against the sentences below, then confirm or correct them.` },
    { kind: 'fields', fields },
  ];
  if (sources.length > 0) sections.push({ kind: 'divider' }, { kind: 'text', text: 'Where each term comes from:' }, ...sources);
  if (missing.length > 0) sections.push({ kind: 'context', text: `Not found in the file: ${missing.join(', ')}. Use Edit to fill them in.` });
  if (dayMissing.length > 0) {
    sections.push({
      kind: 'context',
      text: `The file states only the month and year of the ${dayMissing.join(', ')}: use Edit to enter the full date, or confirm and it stays empty (no reminders count from it).`,
    });
  }
  if (proposal.extractorNote) sections.push({ kind: 'context', text: proposal.extractorNote });
  return {
    text: `Proposed terms from ${proposal.fileName}: ${proposal.terms.title ?? ''} with ${proposal.terms.counterparty ?? 'an unknown counterparty'}. Confirm or edit them.`,
    card: {
      title: `Confirm the terms of ${proposal.terms.title ?? proposal.fileName}`,
      subtitle: proposal.fileName,
      sections,
      actions: [
        { id: TERMS_ACTIONS.confirm, label: 'Confirm', style: 'primary', value },
        { id: TERMS_ACTIONS.edit, label: 'Edit', value },
      ],
    },
  };
}

/** The reply once the terms are saved. */
export function termsConfirmedMessage(contract: Contract, confirmedNow: boolean): ChatMessage {
  const text = confirmedNow
    ? `Saved ${contract.ref} ${contract.title} (${contract.counterparty}) as an active contract with its text. Renewal reminders and questions now cover it.`
    : `These terms were already confirmed as ${contract.ref} ${contract.title} (${contract.counterparty}).`;
  return { text, card: { title: `${contract.ref}: ${contract.title}`, sections: [{ kind: 'text', text }] } };
}
