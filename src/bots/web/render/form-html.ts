import type { FormField, FormView } from '../../../core/interactions/form.js';
import type { PlaygroundPersona } from '../../../core/ports/playground.js';
import { escapeHtml, markdownToHtml } from './html.js';

/**
 * A neutral form as an HTML form: each field labelled (`<label for>`), required ones marked,
 * hints and errors tied to their input (aria-describedby, aria-invalid), an error summary with
 * role=alert linking to each wrong field. A person field is a choice of the playground's personas.
 * The form carries its id and context for the submission; the browser's own validation is off
 * (`novalidate`) so every error is Clause's, said the same way.
 */
export function formHtml(view: FormView, idPrefix: string, personas: readonly PlaygroundPersona[], note?: string): string {
  const { spec, context } = view;
  const values = view.values ?? {};
  const errors = view.errors ?? {};
  const fid = (f: FormField) => `${idPrefix}-${f.id}`;
  // Not `${idPrefix}-title`: that is the id of a field named "title" (the request form has one).
  const titleId = `${idPrefix}-form-title`;
  const summaryItems = Object.entries(errors).map(([id, message]) => {
    const field = spec.fields.find((f) => f.id === id);
    return field ? `<li><a href="#${escapeHtml(fid(field))}">${escapeHtml(field.label)} ${escapeHtml(message)}</a></li>` : `<li>${escapeHtml(message)}</li>`;
  });
  const summary = summaryItems.length
    ? `<div class="error-summary" role="alert" tabindex="-1"><h4>Nothing was saved yet: please correct ${summaryItems.length === 1 ? 'this' : 'these'}</h4><ul>${summaryItems.join('')}</ul></div>`
    : '';
  const fields = spec.fields.map((f) => fieldHtml(f, fid(f), values[f.id], errors[f.id], personas)).join('');
  return `<form class="clause-form" novalidate aria-labelledby="${titleId}" data-form-id="${escapeHtml(spec.id)}" data-context="${escapeHtml(JSON.stringify(context))}">
<h3 class="card-title" id="${titleId}">${escapeHtml(spec.title)}</h3>
${note ? `<p class="form-note">${markdownToHtml(note)}</p>` : ''}${spec.intro ? `<p class="form-intro">${markdownToHtml(spec.intro)}</p>` : ''}${summary}${fields}
<div class="form-actions"><button type="submit" class="btn btn-primary">${escapeHtml(spec.submitLabel)}</button></div>
</form>`;
}

function fieldHtml(f: FormField, id: string, value: string | undefined, error: string | undefined, personas: readonly PlaygroundPersona[]): string {
  const current = value ?? f.initial ?? '';
  const described = [f.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const aria = `${described ? ` aria-describedby="${described}"` : ''}${error ? ' aria-invalid="true"' : ''}${f.required ? ' required aria-required="true"' : ''}`;
  const name = `name="${escapeHtml(f.id)}" id="${escapeHtml(id)}"`;
  const label = `<label for="${escapeHtml(id)}">${escapeHtml(f.label)}${f.required ? ' <span class="req">(required)</span>' : ''}</label>`;
  const hint = f.hint ? `<p class="hint" id="${escapeHtml(id)}-hint">${escapeHtml(f.hint)}</p>` : '';
  const err = error ? `<p class="field-error" id="${escapeHtml(id)}-error">${escapeHtml(f.label)} ${escapeHtml(error)}</p>` : '';
  const placeholder = f.placeholder ? ` placeholder="${escapeHtml(f.placeholder)}"` : '';
  let input: string;
  switch (f.kind) {
    case 'multiline':
      input = `<textarea ${name} rows="3"${f.maxLength ? ` maxlength="${f.maxLength}"` : ''}${placeholder}${aria}>${escapeHtml(current)}</textarea>`;
      break;
    case 'number':
      input = `<input type="number" inputmode="numeric" ${name} value="${escapeHtml(current)}"${f.min !== undefined ? ` min="${f.min}"` : ''}${f.max !== undefined ? ` max="${f.max}"` : ''}${placeholder}${aria}>`;
      break;
    case 'date':
      input = `<input type="date" ${name} value="${escapeHtml(current)}"${aria}>`;
      break;
    case 'checkbox': {
      const checked = ['true', 'yes'].includes(current) ? ' checked' : '';
      return `<div class="field field-checkbox${error ? ' has-error' : ''}"><input type="checkbox" ${name} value="true"${checked}${aria}>${label}${hint}${err}</div>`;
    }
    case 'select':
    case 'user': {
      const options =
        f.kind === 'user'
          ? personas.map((p) => ({ value: p.key, label: `${p.name} (${p.title})` }))
          : (f.options ?? []).map((o) => ({ value: o.value, label: o.label }));
      const empty = `<option value=""${current ? '' : ' selected'}>${escapeHtml(f.placeholder ?? (f.required ? 'Choose…' : '—'))}</option>`;
      input = `<select ${name}${aria}>${empty}${options
        .map((o) => `<option value="${escapeHtml(o.value)}"${o.value === current ? ' selected' : ''}>${escapeHtml(o.label)}</option>`)
        .join('')}</select>`;
      break;
    }
    default:
      input = `<input type="text" ${name} value="${escapeHtml(current)}"${f.maxLength ? ` maxlength="${f.maxLength}"` : ''}${placeholder}${aria}>`;
  }
  return `<div class="field${error ? ' has-error' : ''}">${label}${hint}${err}${input}</div>`;
}
