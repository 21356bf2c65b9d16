import { z } from 'zod';

/** One element's state as Slack sends it in `view.state.values[block][action]`. */
const ZElementState = z
  .object({
    type: z.string().optional(),
    value: z.string().nullish(),
    selected_option: z.object({ value: z.string() }).nullish(),
    selected_options: z.array(z.object({ value: z.string() })).nullish(),
    selected_date: z.string().nullish(),
    selected_user: z.string().nullish(),
  })
  .loose();
export const ZViewStateValues = z.record(z.string(), z.record(z.string(), ZElementState));
