import { z } from 'zod';

/** Keywords OpenAI's strict structured outputs reject; zod still enforces them on the reply. */
const UNSUPPORTED = new Set(['$schema', 'minLength', 'maxLength']);

function strip(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strip);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !UNSUPPORTED.has(key))
      .map(([key, value]) => [key, strip(value)]),
  );
}

/** A zod schema as the JSON Schema a strict tool or `response_format: json_schema` takes. */
export function strictJsonSchema(schema: z.ZodType): Record<string, unknown> {
  return strip(z.toJSONSchema(schema)) as Record<string, unknown>;
}
