import type { PlaygroundPersona } from '../../../core/ports/playground.js';
import { escapeHtml } from './html.js';

/**
 * The playground page: a shell the script (static/app.js) fills in. Stable names for people and
 * for browser tests: the persona switcher is a `<select>` labelled "Acting as", the conversations
 * are buttons in a nav labelled "Conversations", the messages a `role="log"` list of `<article
 * data-message-id>`, the command box a text input labelled "Command".
 */
export function playgroundPage(company: string, personas: readonly PlaygroundPersona[]): string {
  const options = personas
    .map((p) => `<option value="${escapeHtml(p.key)}">${escapeHtml(p.name)} — ${escapeHtml(p.title)} (${escapeHtml(p.role)})</option>`)
    .join('');
  const conversation = (id: string, label: string) =>
    `<li><button type="button" class="conv" data-conversation="${id}" aria-pressed="false"><span class="conv-label">${label}</span> <span class="unread" data-unread-for="${id}" hidden></span></button></li>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Clause playground — ${escapeHtml(company)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/playground/app.css">
<script src="/playground/app.js" defer></script>
</head>
<body>
<a class="skip" href="#command">Skip to the command box</a>
<header class="top">
  <div class="brand"><h1>Clause <span class="muted">playground</span></h1><p class="company">${escapeHtml(company)}</p></div>
  <div class="persona"><label for="persona">Acting as</label> <select id="persona" name="persona">${options}</select></div>
</header>
<div id="banner" class="banner" hidden>
  <p id="banner-text">This database has no contracts yet.</p>
  <button type="button" id="seed" class="btn btn-primary">Load the demo company</button>
</div>
<div class="layout">
  <nav class="sidebar" aria-label="Conversations">
    <ul>
      ${conversation('dm', 'Direct messages with Clause')}
      ${conversation('approvals', '# approvals')}
      ${conversation('renewals', '# renewals')}
      ${conversation('timeline', 'Renewals view')}
    </ul>
  </nav>
  <main class="main">
    <h2 id="conversation-title">Direct messages with Clause</h2>
    <div id="log" class="log" role="log" aria-live="polite" aria-labelledby="conversation-title"></div>
    <section id="timeline" class="timeline" aria-labelledby="conversation-title" tabindex="0" hidden></section>
    <p id="status" class="status" role="status" aria-live="polite"></p>
    <form id="command-form" class="command" autocomplete="off">
      <label for="command">Command</label>
      <div class="command-row">
        <input id="command" name="command" type="text" placeholder="contract new" aria-describedby="command-hint" required>
        <button type="submit" class="btn btn-primary">Send</button>
      </div>
      <p id="command-hint" class="hint">Try one:
        <button type="button" class="chip" data-command="contract new">contract new</button>
        <button type="button" class="chip" data-command="contract renewals 60">contract renewals 60</button>
        <button type="button" class="chip" data-command="contract ask what is the notice period in the Brightwave MSA?">contract ask what is the notice period in the Brightwave MSA?</button>
        <button type="button" class="chip" data-command="contract help">contract help</button>
      </p>
    </form>
    <form id="upload-form" class="upload">
      <label for="upload">Upload a signed contract (text, PDF or DOCX)</label>
      <input id="upload" name="upload" type="file" accept=".txt,.pdf,.docx,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document">
      <button type="submit" class="btn">Upload</button>
    </form>
  </main>
</div>
</body>
</html>
`;
}
