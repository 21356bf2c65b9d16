/**
 * The demo company's data in config/demo/: personas (personas.yaml), the approval policy
 * (policy.yaml), the portfolio (portfolio.csv, dates written relative to the seeding day as
 * `{today+75}`) and a few contract documents (documents/<external id>-*.txt). All made up.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ApprovalPolicy } from '../../core/domain/approval-policy.js';
import { addDays, type CalendarDate } from '../../core/domain/calendar-date.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import { parsePolicyText } from '../../infra/policy/load-policy-file.js';

/** Where the demo data lives, relative to the working directory (like POLICY_FILE's default). */
const DEMO_DIR = 'config/demo';

const DEMO_ROLES = ['rep', 'legal', 'finance', 'manager'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];

const ZDemoPersona = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/),
    name: z.string().min(1),
    role: z.enum(DEMO_ROLES),
    title: z.string().min(1),
    email: z.string().email(),
    slack: z.string().regex(/^U[A-Z0-9]{2,}$/),
    timeZone: z.string().min(1),
  })
  .strict();
export type DemoPersona = z.infer<typeof ZDemoPersona>;

const ZDemoPeople = z
  .object({
    company: z.object({ name: z.string().min(1), description: z.string().min(1) }).strict(),
    personas: z.array(ZDemoPersona).min(1),
  })
  .strict()
  .refine((p) => DEMO_ROLES.every((role) => p.personas.some((x) => x.role === role)), {
    message: 'needs a persona for each role: rep, legal, finance, manager',
  });

interface DemoDocument {
  /** The portfolio row it belongs to (the file name's prefix, e.g. DEMO-001). */
  externalId: string;
  fileName: string;
  bytes: Uint8Array;
}

export interface DemoData {
  company: { name: string; description: string };
  personas: DemoPersona[];
  policy: ApprovalPolicy;
  /** portfolio.csv with `{today±N}` placeholders. */
  portfolioTemplate: string;
  documents: DemoDocument[];
}

/** A persona as Clause knows a person: the playground's web user (its key), with the e-mail address any surface matches them by. */
export function personaUser(persona: DemoPersona): UserRef {
  return { platform: 'web', id: persona.key, email: persona.email, displayName: persona.name };
}

export function personaByRole(data: Pick<DemoData, 'personas'>, role: DemoRole): DemoPersona {
  return data.personas.find((p) => p.role === role)!;
}

/** The portfolio CSV for a seeding day: `{today+75}` becomes that day plus 75 days. */
export function portfolioCsv(template: string, anchor: CalendarDate): string {
  return template.replace(/\{today([+-]\d+)?\}/g, (_, offset: string | undefined) => addDays(anchor, offset ? Number(offset) : 0));
}

/** Reads and checks config/demo (or `dir`); a problem names the file. */
export async function loadDemoData(dir: string = DEMO_DIR): Promise<DemoData> {
  const base = resolve(dir);
  const peopleFile = join(base, 'personas.yaml');
  const people = ZDemoPeople.safeParse(parseYaml(await readFile(peopleFile, 'utf8')));
  if (!people.success) throw new Error(`${peopleFile}: ${people.error.issues.map((i) => `${i.path.join('.') || '(top)'} ${i.message}`).join('; ')}`);
  const policyFile = join(base, 'policy.yaml');
  const policy = parsePolicyText(await readFile(policyFile, 'utf8'), policyFile);
  const portfolioTemplate = await readFile(join(base, 'portfolio.csv'), 'utf8');
  const documents: DemoDocument[] = [];
  for (const fileName of (await readdir(join(base, 'documents'))).sort()) {
    const m = /^(DEMO-\d+)-.+\.(txt|pdf|docx)$/.exec(fileName);
    if (m) documents.push({ externalId: m[1]!, fileName, bytes: new Uint8Array(await readFile(join(base, 'documents', fileName))) });
  }
  return { ...people.data, policy, portfolioTemplate, documents };
}
