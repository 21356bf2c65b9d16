/**
 * An approved clause: text legal has signed off, reused word for word by every template that
 * includes it with `{{clause:id}}`. Clause text uses the template syntax (variables, `{{#if}}`,
 * other clauses); paragraphs are separated by a blank line and carry no section numbers, because
 * the including template decides where the clause sits.
 */
export interface Clause {
  id: string;
  title: string;
  text: string;
}
