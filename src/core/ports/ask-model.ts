import type { z } from 'zod';

/** A function the model may call; its arguments are validated with `parameters` before use. */
export interface AskTool {
  name: string;
  description: string;
  parameters: z.ZodObject;
}

/** The model's pick: a tool name and its raw (unvalidated) arguments. */
export interface ToolChoice {
  name: string;
  arguments: unknown;
}

/** A passage of contract text shown to the model, labelled so it can cite it. */
export interface GroundedPassage {
  id: string;
  /** "C-2026-0001 Acme MSA, section 9. Termination" */
  label: string;
  text: string;
}

/**
 * Port: the language model behind questions. Everything it returns is raw and untrusted: the
 * core validates tool arguments and grounded answers with zod and checks every quote against
 * the passages. Implementations throw on any failure (rate limit, server error, timeout) and the
 * core falls back to its built-in answer.
 */
export interface AskModel {
  /** Which tool answers the question; null when the model picked none. */
  chooseTool(question: string, tools: readonly AskTool[], today: string): Promise<ToolChoice | null>;
  /** An answer grounded in the passages, shaped like `ZGroundedAnswer` (validated by the caller). */
  answerFromPassages(question: string, passages: readonly GroundedPassage[]): Promise<unknown>;
}
