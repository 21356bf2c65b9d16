/**
 * Neutral forms: what a form asks (fields with a kind, label, limits, options and initial values),
 * what travels with it (`context`: the contract, round or proposal it is about), and the errors
 * of a submission keyed by field id. `src/bots/slack` draws a form as a modal, `src/bots/teams`
 * as an Adaptive Card; each form is parsed here, once, with one zod schema.
 */

type FieldKind = 'text' | 'multiline' | 'number' | 'date' | 'select' | 'checkbox' | 'user';

export interface FormField {
  /** Stable id: the Slack block/action id and the Teams input id; errors are keyed by it. */
  id: string;
  kind: FieldKind;
  label: string;
  required: boolean;
  hint?: string;
  placeholder?: string;
  options?: ReadonlyArray<{ value: string; label: string }>;
  /** Text: at most this many characters. */
  maxLength?: number;
  /** Number: the smallest and largest value. */
  min?: number;
  max?: number;
  /** What the field shows first (a user field: the platform user id). */
  initial?: string;
}

export interface FormSpec {
  id: string;
  title: string;
  submitLabel: string;
  /** A line above the fields. */
  intro?: string;
  fields: FormField[];
}

/** Field id → what is wrong with it (a sentence that follows the label). `_` is the form as a whole. */
export type FieldErrors = Record<string, string>;

/** A form to show: the spec, what it is about, and (after a refused submit) the values typed and the errors. */
export interface FormView {
  spec: FormSpec;
  context: Record<string, string>;
  values?: Record<string, string>;
  errors?: FieldErrors;
}

/** What a submission carries: each field's value as text (a checkbox: "true"/"false"), missing when empty. */
export type FormInputs = Record<string, string | undefined>;

export type FormParse<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Trimmed text, or undefined when empty or not a string. */
export function inputText(inputs: FormInputs, id: string): string | undefined {
  const v = inputs[id];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

/** The first error per field from zod issues, mapped with `where` (issue path → field id). */
export function issuesToErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>, where: (head: string) => string): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) errors[where(String(issue.path[0] ?? '_'))] ??= issue.message;
  return errors;
}
