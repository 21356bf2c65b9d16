import { z } from 'zod';

/** The parts of a block_actions payload the listeners use, checked rather than trusted. */
export const ZBlockActionBody = z
  .object({
    user: z.object({ id: z.string().min(1) }).loose(),
    team: z.object({ id: z.string() }).loose().nullish(),
    trigger_id: z.string().optional(),
    response_url: z.url().optional(),
    container: z.object({ type: z.string() }).loose().optional(),
    actions: z.array(z.object({ action_id: z.string(), value: z.string().optional() }).loose()).min(1),
  })
  .loose();

/** A button value is the JSON of a small object; parse it with the action's schema. */
export function parseButtonValue<S extends z.ZodType>(schema: S, value: string | undefined): z.output<S> | undefined {
  if (!value) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
