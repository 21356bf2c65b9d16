/** A self-contained reference page for the OpenAPI document: rendered on the server, no scripts. */
type Json = Record<string, unknown>;

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function schemaText(schema: unknown, depth = 0): string {
  if (!schema || typeof schema !== 'object') return '';
  const s = schema as Json;
  if (typeof s.$ref === 'string') {
    const name = s.$ref.split('/').pop()!;
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  if (Array.isArray(s.anyOf) || Array.isArray(s.oneOf)) return ((s.anyOf ?? s.oneOf) as unknown[]).map((x) => schemaText(x, depth)).join(' | ');
  if (s.type === 'array') return `array of ${schemaText(s.items, depth)}`;
  if (s.type === 'object' && s.properties && depth < 3) {
    const required = new Set((s.required as string[] | undefined) ?? []);
    const rows = Object.entries(s.properties as Record<string, Json>)
      .map(
        ([k, v]) =>
          `<li><code>${esc(k)}</code>${required.has(k) ? '' : '?'}: ${schemaText(v, depth + 1)}${v.description ? ` — ${esc(v.description)}` : ''}</li>`,
      )
      .join('');
    return `object<ul>${rows}</ul>`;
  }
  const type = Array.isArray(s.type) ? s.type.join(' | ') : String(s.type ?? 'any');
  const extra = [
    s.enum ? `one of ${(s.enum as unknown[]).map((e) => `<code>${esc(e)}</code>`).join(', ')}` : '',
    s.format ? `format ${esc(s.format)}` : '',
    s.pattern ? `pattern <code>${esc(s.pattern)}</code>` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return `${esc(type)}${extra ? ` (${extra})` : ''}`;
}

export function renderDocsPage(doc: Json): string {
  const info = doc.info as Json;
  const paths = doc.paths as Record<string, Record<string, Json>>;
  const schemas = ((doc.components as Json | undefined)?.schemas ?? {}) as Record<string, Json>;
  const ops: string[] = [];
  for (const [path, methods] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const params = ((op.parameters as Json[] | undefined) ?? [])
        .map(
          (p) =>
            `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', required' : ''}): ${schemaText(p.schema)}${p.description ? ` — ${esc(p.description)}` : ''}</li>`,
        )
        .join('');
      const body = op.requestBody as Json | undefined;
      const bodyHtml = body
        ? `<h4>Body</h4><ul>${Object.entries(body.content as Record<string, Json>)
            .map(([mt, c]) => `<li><code>${esc(mt)}</code>: ${schemaText(c.schema)}</li>`)
            .join('')}</ul>`
        : '';
      const responses = Object.entries(op.responses as Record<string, Json>)
        .map(([status, r]) => {
          const content = r.content as Record<string, Json> | undefined;
          const schema = content
            ? Object.entries(content)
                .map(([mt, c]) => `<code>${esc(mt)}</code> ${schemaText(c.schema)}`)
                .join(', ')
            : '';
          return `<li><b>${esc(status)}</b> ${esc(r.description)} ${schema}</li>`;
        })
        .join('');
      ops.push(
        `<section class="op"><h3><span class="m">${esc(method.toUpperCase())}</span> <code>${esc(path)}</code></h3><p>${esc(op.summary)}${op.description ? ` ${esc(op.description)}` : ''}</p>${params ? `<h4>Parameters</h4><ul>${params}</ul>` : ''}${bodyHtml}<h4>Responses</h4><ul>${responses}</ul></section>`,
      );
    }
  }
  const schemaHtml = Object.entries(schemas)
    .map(
      ([name, s]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3>${s.description ? `<p>${esc(s.description)}</p>` : ''}${schemaText(s)}</section>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(info.title)} ${esc(info.version)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222}code{background:#f3f3f3;padding:0 .2em}.op{border-top:1px solid #ddd;padding-top:.5em}.m{background:#225;color:#fff;padding:0 .4em;border-radius:3px}</style>
</head><body><h1>${esc(info.title)} <small>${esc(info.version)}</small></h1><p>${esc(info.description)}</p>
<p>Machine-readable: <a href="openapi.json">openapi.json</a> (OpenAPI ${esc(doc.openapi)}). Send <code>Authorization: Bearer &lt;API key&gt;</code>.</p>
<h2>Endpoints</h2>${ops.join('')}<h2>Schemas</h2>${schemaHtml}</body></html>`;
}
