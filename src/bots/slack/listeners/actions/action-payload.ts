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
export type BlockActionBody = z.infer<typeof ZBlockActionBody>;

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

export const ZContractActionValue = z.object({ contractId: z.string().min(1) });

/** What a modal opened from a button remembers (private_metadata). */
export const ZModalMetadata = z.object({
  roundId: z.string().optional(),
  stage: z.coerce.number().int().nonnegative().optional(),
  contractId: z.string().optional(),
  responseUrl: z.url().optional(),
  fromHome: z.boolean().optional(),
});
export type ModalMetadata = z.infer<typeof ZModalMetadata>;

export function parseMetadata(raw: string | undefined): ModalMetadata {
  try {
    const parsed = ZModalMetadata.safeParse(JSON.parse(raw || '{}'));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
