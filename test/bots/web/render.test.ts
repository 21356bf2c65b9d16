import { formHtml } from '../../../src/bots/web/render/form-html.js';
import { markdownToHtml } from '../../../src/bots/web/render/html.js';
import { messageHtml } from '../../../src/bots/web/render/message-html.js';
import { rejectReasonForm } from '../../../src/core/interactions/forms.js';
import { requestForm } from '../../../src/core/interactions/request-form.js';

describe('the playground’s HTML rendering', () => {
  it('markdown: emphasis and safe links; markup and other schemes stay text', () => {
    expect(markdownToHtml('*Approved* by _Lena_: `C-2026-0001`')).toBe('<strong>Approved</strong> by <em>Lena</em>: <code>C-2026-0001</code>');
    expect(markdownToHtml('see <https://example.com/a?b=1&c=2|the deal>\nnext')).toBe(
      'see <a href="https://example.com/a?b=1&amp;c=2" rel="noopener noreferrer" target="_blank">the deal</a><br>next',
    );
    expect(markdownToHtml('<javascript:alert(1)|click>')).toBe('&lt;javascript:alert(1)|click&gt;');
    expect(markdownToHtml('<img src=x onerror=alert(1)> "quoted"')).toBe('&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot;');
  });

  it('a card: heading, fields as a description list, buttons with their action, an input labelled first, a picture with its alt text', () => {
    const html = messageHtml(
      {
        text: 'x',
        card: {
          title: '<b>Approval</b>',
          sections: [{ kind: 'fields', fields: [{ label: 'Counterparty', value: '<script>alert(1)</script>' }] }],
          actions: [
            { id: 'approval.approve', label: 'Approve', style: 'primary', value: { roundId: 'r"1', stage: '0' } },
            {
              id: 'approval.reject',
              label: 'Reject',
              style: 'danger',
              value: { roundId: 'r1', stage: '0' },
              input: { id: 'reason', label: 'Reason', required: true },
            },
          ],
        },
        image: { pngBase64: 'AAAA', width: 10, height: 5, alt: 'A chart "of" renewals', title: 'Timeline', fileName: 't.png' },
      },
      'm1',
    );
    expect(html).toContain('<h3 class="card-title">&lt;b&gt;Approval&lt;/b&gt;</h3>');
    expect(html).toContain('<dl class="card-fields"><div><dt>Counterparty</dt><dd>&lt;script&gt;alert(1)&lt;/script&gt;</dd></div></dl>');
    expect(html).toContain(
      '<button type="button" class="btn btn-primary" data-action-id="approval.approve" data-value="{&quot;roundId&quot;:&quot;r\\&quot;1&quot;,&quot;stage&quot;:&quot;0&quot;}">Approve</button>',
    );
    expect(html).toMatch(
      /<label for="m1-a1-reason">Reason <span class="req">\(required\)<\/span><\/label>\s*<textarea id="m1-a1-reason" name="reason" rows="2" required/,
    );
    expect(html).toContain('<img src="data:image/png;base64,AAAA" alt="A chart &quot;of&quot; renewals" width="10" height="5">');
    expect(html).not.toContain('<script>');
    // An empty reason is the page's to say, not the browser's bubble.
    expect(html).toMatch(/<form class="action-form" [^>]*novalidate hidden>/);
  });

  it('ids are unique: the request form’s field "title" does not share its id with the form’s heading', () => {
    const html = formHtml(requestForm({}), 'm1', []);
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids).toContain('m1-title');
    expect(ids.length).toBe(new Set(ids).size);
    expect(html).toContain('<label for="m1-title">Title</label>');
  });

  it('a form with errors: a summary with role=alert, each error tied to its field, values kept', () => {
    const form = rejectReasonForm({ roundId: 'r1', stage: 0 });
    const html = formHtml({ ...form, values: { reason: '<oops>' }, errors: { reason: 'is required' } }, 'f', []);
    expect(html).toContain('role="alert"');
    expect(html).toContain('<a href="#f-reason">');
    expect(html).toMatch(/<textarea name="reason" id="f-reason"[^>]*aria-describedby="[^"]*f-reason-error" aria-invalid="true"[^>]*>&lt;oops&gt;<\/textarea>/);
    expect(html).toContain('<p class="field-error" id="f-reason-error">');
  });
});
