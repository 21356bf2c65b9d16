// The Clause playground page: vanilla JS, no framework. The server renders every message to HTML
// (escaped); this script places it, sends commands, clicks and forms to /playground/api, and
// keeps the conversations live with server-sent events.
(() => {
  const $ = (selector) => document.querySelector(selector);
  const API = '/playground/api';
  const TITLES = { dm: 'Direct messages with Clause', approvals: '# approvals', renewals: '# renewals', timeline: 'Renewals view' };
  const CHATS = ['dm', 'approvals', 'renewals'];

  const select = $('#persona');
  const log = $('#log');
  const status = $('#status');
  const timeline = $('#timeline');
  const keys = Array.from(select.options).map((o) => o.value);
  const asked = new URLSearchParams(location.search).get('as');
  const state = {
    persona: keys.includes(asked) ? asked : select.value,
    conversation: 'dm',
    /** conversation → Map(message id → version) of what has been seen */
    seen: { dm: new Map(), approvals: new Map(), renewals: new Map() },
    unread: { dm: 0, approvals: 0, renewals: 0 },
    events: null,
  };
  select.value = state.persona;

  const say = (text) => {
    status.textContent = text;
  };

  async function call(method, path, body, headers) {
    const init = { method, headers: headers || {} };
    if (body !== undefined) {
      if (body instanceof ArrayBuffer) init.body = body;
      else {
        init.body = JSON.stringify(body);
        init.headers['Content-Type'] = 'application/json';
      }
    }
    const res = await fetch(API + path, init);
    let data = {};
    try {
      data = await res.json();
    } catch {
      data = {};
    }
    return { status: res.status, ok: res.ok, data };
  }

  const personaQuery = () => `persona=${encodeURIComponent(state.persona)}`;

  function formatTime(iso) {
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? '' : d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }

  function articleFor(m) {
    const article = document.createElement('article');
    article.className = `msg ${m.from.kind === 'clause' ? 'from-clause' : 'from-persona'}`;
    article.dataset.messageId = m.id;
    article.dataset.version = String(m.version);
    article.setAttribute('aria-label', `${m.from.name}: ${m.text.slice(0, 80)}`);
    const header = document.createElement('header');
    header.className = 'msg-meta';
    const who = document.createElement('span');
    who.className = 'msg-from';
    who.textContent = m.from.name;
    const time = document.createElement('time');
    time.dateTime = m.time;
    time.textContent = formatTime(m.time);
    header.append(who, ' ', time);
    const body = document.createElement('div');
    body.className = 'msg-body';
    body.innerHTML = m.html; // rendered and escaped by the server
    article.append(header, body);
    return article;
  }

  function setUnread(conversation) {
    const badge = document.querySelector(`[data-unread-for="${conversation}"]`);
    if (!badge) return;
    const n = state.unread[conversation] || 0;
    badge.hidden = n === 0;
    badge.textContent = n === 0 ? '' : `${n} new`;
  }

  /** Places a message: replaces its older version in place, or appends it; counts it unread elsewhere. */
  function upsert(m) {
    const seen = state.seen[m.conversation];
    if (!seen) return undefined;
    const before = seen.get(m.id);
    if (before !== undefined && before >= m.version) return undefined;
    seen.set(m.id, m.version);
    if (m.conversation !== state.conversation) {
      if (before === undefined) {
        state.unread[m.conversation]++;
        setUnread(m.conversation);
      }
      return undefined;
    }
    const article = articleFor(m);
    const existing = log.querySelector(`article[data-message-id="${CSS.escape(m.id)}"]`);
    if (existing) {
      const hadFocus = existing.contains(document.activeElement);
      existing.replaceWith(article);
      if (hadFocus) article.querySelector('button, input, select, textarea, a')?.focus();
    } else {
      log.append(article);
      // A long form shows from its top; anything else scrolls the log to the end.
      log.scrollTop = article.querySelector('form.clause-form') ? article.offsetTop - log.offsetTop : log.scrollHeight;
    }
    return article;
  }

  async function show(conversation) {
    state.conversation = conversation;
    $('#conversation-title').textContent = TITLES[conversation];
    for (const b of document.querySelectorAll('button.conv')) b.setAttribute('aria-pressed', String(b.dataset.conversation === conversation));
    const chat = CHATS.includes(conversation);
    log.hidden = !chat;
    timeline.hidden = chat;
    if (!chat) return showTimeline();
    state.unread[conversation] = 0;
    setUnread(conversation);
    const { ok, data } = await call('GET', `/conversations/${conversation}/messages?${personaQuery()}`);
    if (!ok) return say(data.error || 'Could not load the conversation.');
    if (state.conversation !== conversation) return;
    log.replaceChildren();
    state.seen[conversation] = new Map();
    for (const m of data.messages) upsert(m);
  }

  async function showTimeline() {
    timeline.replaceChildren();
    const { ok, data } = await call('GET', `/renewals?${personaQuery()}`);
    if (!ok) return say(data.error || 'Could not load the renewals.');
    const figure = document.createElement('figure');
    const img = document.createElement('img');
    img.src = `${API}/renewals/timeline.svg?${personaQuery()}&t=${Date.now()}`;
    img.alt = data.alt;
    img.className = 'chart';
    const caption = document.createElement('figcaption');
    caption.textContent = `${data.title}: ${data.subtitle}`;
    figure.append(img, caption);
    const table = document.createElement('table');
    const cap = document.createElement('caption');
    cap.textContent = `Notice deadlines in the next 12 months (${data.items.length})`;
    const head = document.createElement('thead');
    const headRow = document.createElement('tr');
    for (const h of ['Notice deadline', 'Days left', 'Contract', 'Counterparty', 'Value', 'Decision', 'Owner', 'Term ends']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = h;
      headRow.append(th);
    }
    head.append(headRow);
    const body = document.createElement('tbody');
    for (const i of data.items) {
      const tr = document.createElement('tr');
      for (const v of [i.deadline, String(i.daysLeft), `${i.ref} ${i.title}`, i.counterparty, i.value || '—', i.decision, i.owner, i.termEnd]) {
        const td = document.createElement('td');
        td.textContent = v;
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(cap, head, body);
    const notes = document.createElement('ul');
    notes.className = 'notes';
    for (const n of data.notes || []) {
      const li = document.createElement('li');
      li.textContent = n;
      notes.append(li);
    }
    timeline.append(figure, table, notes);
  }

  function connect() {
    if (state.events) state.events.close();
    const source = new EventSource(`${API}/events?${personaQuery()}`);
    source.addEventListener('message', (event) => {
      try {
        upsert(JSON.parse(event.data));
      } catch {
        // a malformed event is skipped
      }
    });
    state.events = source;
  }

  /** Shows what a POST answered: the messages placed, and a line for anything else. */
  function placed(data) {
    const messages = data.messages || [];
    for (const m of messages) upsert(m);
    // The live stream may have placed them first: the article on the page, either way.
    const last = messages[messages.length - 1];
    return last ? log.querySelector(`article[data-message-id="${CSS.escape(last.id)}"]`) : null;
  }

  /** What Clause said in the direct messages about a click made in a channel, shown here too. */
  function noteElsewhere(data) {
    if (state.conversation === 'dm') return;
    if (data.result === 'form') return say('Clause opened a form in your direct messages.');
    const note = (data.messages || []).find((m) => m.conversation === 'dm' && m.from.kind === 'clause');
    if (note) say(note.text);
  }

  async function busy(element, work) {
    const buttons = element ? element.querySelectorAll('button') : [];
    for (const b of buttons) b.disabled = true;
    try {
      await work();
    } catch {
      say('Clause could not be reached; try again.');
    } finally {
      for (const b of buttons) if (b.isConnected) b.disabled = false;
    }
  }

  async function sendCommand(text) {
    if (state.conversation !== 'dm') await show('dm');
    say('');
    const { ok, data } = await call('POST', '/command', { persona: state.persona, text });
    if (!ok) return say(data.error || 'That did not work.');
    const last = placed(data);
    last?.querySelector('form input, form select, form textarea')?.focus();
  }

  // --- events -------------------------------------------------------------------------------
  select.addEventListener('change', () => {
    state.persona = select.value;
    const url = new URL(location.href);
    url.searchParams.set('as', state.persona);
    history.replaceState(null, '', url);
    state.seen = { dm: new Map(), approvals: new Map(), renewals: new Map() };
    state.unread = { dm: 0, approvals: 0, renewals: 0 };
    for (const c of CHATS) setUnread(c);
    connect();
    show(state.conversation);
  });

  for (const b of document.querySelectorAll('button.conv')) b.addEventListener('click', () => show(b.dataset.conversation));

  $('#command-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const input = $('#command');
    const text = input.value.trim();
    if (!text) return say('Type a command first, for example: contract new');
    input.value = '';
    busy($('#command-form'), () => sendCommand(text));
  });

  for (const chip of document.querySelectorAll('button.chip')) {
    chip.addEventListener('click', () => {
      $('#command').value = chip.dataset.command;
      $('#command').focus();
    });
  }

  log.addEventListener('click', (event) => {
    const opener = event.target.closest('button[data-opens]');
    if (opener) {
      const form = document.getElementById(opener.dataset.opens);
      if (!form) return;
      form.hidden = !form.hidden;
      opener.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) form.querySelector('textarea')?.focus();
      return;
    }
    const button = event.target.closest('button[data-action-id]');
    if (!button) return;
    const article = button.closest('article[data-message-id]');
    busy(article, async () => {
      const { ok, data } = await call('POST', '/action', {
        persona: state.persona,
        messageId: article.dataset.messageId,
        actionId: button.dataset.actionId,
        value: JSON.parse(button.dataset.value || '{}'),
        inputs: {},
      });
      if (!ok) return say(data.error || 'That did not work.');
      placed(data);
      noteElsewhere(data);
    });
  });

  log.addEventListener('submit', (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) return;
    event.preventDefault();
    const article = form.closest('article[data-message-id]');
    if (form.classList.contains('action-form')) {
      const textarea = form.querySelector('textarea');
      if (textarea.required && !textarea.value.trim()) {
        // Said at the field too (as a form's field errors are), tied to it by aria-describedby.
        const message = `${form.querySelector('label').textContent.replace(' (required)', '')} is required.`;
        let error = form.querySelector('.field-error');
        if (!error) {
          error = document.createElement('p');
          error.className = 'field-error';
          error.id = `${textarea.id}-error`;
          textarea.before(error);
          textarea.setAttribute('aria-describedby', error.id);
        }
        error.textContent = message;
        form.classList.add('has-error');
        textarea.setAttribute('aria-invalid', 'true');
        textarea.focus();
        return say(message);
      }
      busy(article, async () => {
        const { ok, data } = await call('POST', '/action', {
          persona: state.persona,
          messageId: article.dataset.messageId,
          actionId: form.dataset.actionId,
          value: JSON.parse(form.dataset.value || '{}'),
          inputs: { [form.dataset.inputId]: textarea.value },
        });
        if (!ok) return say(data.error || 'That did not work.');
        placed(data);
        noteElsewhere(data);
      });
      return;
    }
    if (!form.classList.contains('clause-form')) return;
    const inputs = {};
    for (const el of form.elements) {
      if (!el.name) continue;
      inputs[el.name] = el.type === 'checkbox' ? (el.checked ? 'true' : 'false') : el.value;
    }
    busy(article, async () => {
      const { status: code, data } = await call('POST', '/form', {
        persona: state.persona,
        messageId: article.dataset.messageId,
        formId: form.dataset.formId,
        context: JSON.parse(form.dataset.context || '{}'),
        inputs,
      });
      if (code !== 200 && code !== 422) return say(data.error || 'That did not work.');
      const shown = placed(data);
      if (code === 422) {
        say('Some fields need a correction.');
        shown?.querySelector('.error-summary')?.focus();
      } else say('');
    });
  });

  $('#upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const file = $('#upload').files[0];
    if (!file) return say('Choose a file first.');
    busy($('#upload-form'), async () => {
      if (state.conversation !== 'dm') await show('dm');
      say(`Reading ${file.name}…`);
      const bytes = await file.arrayBuffer();
      const { ok, data } = await call('POST', `/upload?${personaQuery()}&name=${encodeURIComponent(file.name)}`, bytes, {
        'Content-Type': 'application/octet-stream',
      });
      if (!ok) return say(data.error || 'The file could not be read.');
      say('');
      placed(data);
      $('#upload').value = '';
    });
  });

  $('#seed').addEventListener('click', () => {
    busy($('#banner'), async () => {
      say('Loading the demo company…');
      const { ok, data } = await call('POST', '/seed');
      if (!ok) return say(data.error || 'The demo company could not be loaded.');
      $('#banner').hidden = true;
      say(data.summary);
      show(state.conversation);
    });
  });

  async function checkStatus() {
    const { ok, data } = await call('GET', '/status');
    if (ok && data.contracts === 0 && data.canSeed) $('#banner').hidden = false;
  }

  connect();
  show('dm');
  checkStatus();
})();
