import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shape of src, checked on the import statements themselves (static, `export … from`, type-only
 * and dynamic `import()`), so it cannot creep back:
 * - src/core is platform-neutral: no chat platform, database, model, scheduler or HTTP library, and
 *   nothing from outside src/core;
 * - the chat adapters (src/bots) depend on ports only: nothing from src/app (the composition root)
 *   or src/infra (the ports' implementations);
 * - no import cycles anywhere in src.
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SRC = join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The module specifiers a file imports (comments removed first, so an example in a comment does not count). */
function importSpecifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\w])\/\/.*$/gm, '$1');
  const found: string[] = [];
  const patterns = [/\b(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const m of code.matchAll(pattern)) found.push(m[1]!);
  return found;
}

/** A relative specifier's file (`./x.js` is `./x.ts` in the sources), or undefined for a package. */
function resolveRelative(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), `${base}.ts`, join(base, 'index.ts'), base]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

const files = sourceFiles(SRC);
const graph = new Map<string, { packages: string[]; local: string[]; unresolved: string[] }>();
for (const file of files) {
  const entry = { packages: [] as string[], local: [] as string[], unresolved: [] as string[] };
  for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
    if (!spec.startsWith('.')) entry.packages.push(spec);
    else {
      const target = resolveRelative(file, spec);
      if (target) entry.local.push(target);
      else entry.unresolved.push(spec);
    }
  }
  graph.set(file, entry);
}
const rel = (path: string) => relative(ROOT, path).split(sep).join('/');
const under = (path: string, folder: string) => rel(path).startsWith(`${folder}/`);

describe('the import structure of src', () => {
  it('reads the imports of every source file (the scan itself works)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(
      importSpecifiers(
        "import type { A } from './a.js';\nimport {\n  b,\n  c,\n} from '../b.js';\nexport { d } from './d.js';\nconst e = await import('./e.js');\n// import x from './commented.js';\n",
      ),
    ).toEqual(['./a.js', '../b.js', './d.js', './e.js']);
    const unresolved = [...graph].flatMap(([file, e]) => e.unresolved.map((s) => `${rel(file)} → ${s}`));
    expect(unresolved).toEqual([]);
  });

  it('src/core imports no platform, database, model, scheduler or HTTP library, and nothing outside src/core', () => {
    const forbidden = /^(@slack\/|botbuilder|botframework-|@microsoft\/|mongoose$|mongodb$|openai$|agenda$|@agendajs\/|express$|node:http|node:https$|undici$)/;
    const problems: string[] = [];
    for (const [file, e] of graph) {
      if (!under(file, 'src/core')) continue;
      for (const p of e.packages) if (forbidden.test(p)) problems.push(`${rel(file)} imports ${p}`);
      for (const t of e.local) if (!under(t, 'src/core')) problems.push(`${rel(file)} imports ${rel(t)}`);
    }
    expect(problems).toEqual([]);
  });

  it('the chat adapters (src/bots) import nothing from src/app or src/infra: they depend on ports', () => {
    const problems: string[] = [];
    for (const [file, e] of graph) {
      if (!under(file, 'src/bots')) continue;
      for (const t of e.local) if (under(t, 'src/app') || under(t, 'src/infra')) problems.push(`${rel(file)} imports ${rel(t)}`);
    }
    expect(problems).toEqual([]);
  });

  it('has no import cycles (type-only imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'visiting');
      stack.push(file);
      for (const next of graph.get(file)?.local ?? []) {
        const s = state.get(next);
        if (s === 'visiting') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' → '));
        else if (!s) visit(next);
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
