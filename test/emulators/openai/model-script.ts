/** What the emulated model answers, and how that becomes a Chat Completions or Responses body. */

interface ScriptedToolCall {
  name: string;
  /** An object (serialised for you) or the raw JSON string the model "wrote". */
  arguments: unknown;
  id?: string;
}

export type ModelReply =
  | { content: string; usage?: Usage }
  | { toolCalls: ScriptedToolCall[]; content?: string; usage?: Usage }
  /** Structured output: the object is sent back as the message text, as with response_format json_schema. */
  | { json: unknown; usage?: Usage }
  | { refusal: string; usage?: Usage };

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
}

export interface ModelRequest {
  endpoint: 'chat.completions' | 'responses';
  /** The request body as sent. */
  body: Record<string, unknown>;
  /** Messages flattened to text, for easy assertions (instructions become a system message). */
  messages: { role: string; content: string }[];
}

export type ModelHandler = (request: ModelRequest) => ModelReply | Promise<ModelReply>;
export type ScriptStep = ModelReply | ModelHandler;

/** Text of a message `content`, which may be a string or an array of parts. */
function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : ''))
    .filter(Boolean)
    .join('\n');
}

export function flattenMessages(endpoint: ModelRequest['endpoint'], body: Record<string, unknown>): ModelRequest['messages'] {
  if (endpoint === 'chat.completions') {
    const messages = (body.messages as { role: string; content?: unknown }[] | undefined) ?? [];
    return messages.map((m) => ({ role: m.role, content: contentText(m.content) }));
  }
  const out: ModelRequest['messages'] = [];
  if (typeof body.instructions === 'string') out.push({ role: 'system', content: body.instructions });
  if (typeof body.input === 'string') out.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) {
    for (const item of body.input as { role?: string; content?: unknown; output?: unknown }[]) {
      out.push({ role: item.role ?? 'tool', content: contentText(item.content ?? item.output) });
    }
  }
  return out;
}

/** A rough token count (4 characters per token), enough for usage figures to move sensibly. */
export function approxTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

let seq = 0;
const nextId = (prefix: string) => `${prefix}emu${(++seq).toString().padStart(6, '0')}`;

function argumentsText(args: unknown): string {
  return typeof args === 'string' ? args : JSON.stringify(args);
}

function replyText(reply: ModelReply): string {
  if ('json' in reply) return JSON.stringify(reply.json);
  if ('refusal' in reply) return '';
  return reply.content ?? '';
}

function usageFor(request: ModelRequest, reply: ModelReply): Usage {
  if (reply.usage) return reply.usage;
  const prompt = approxTokens(request.messages.map((m) => m.content).join('\n'));
  const completion = approxTokens(replyText(reply) + ('toolCalls' in reply ? reply.toolCalls.map((t) => argumentsText(t.arguments)).join('') : ''));
  return { prompt_tokens: prompt, completion_tokens: completion };
}

export function chatCompletion(request: ModelRequest, reply: ModelReply): Record<string, unknown> {
  const usage = usageFor(request, reply);
  const toolCalls =
    'toolCalls' in reply
      ? reply.toolCalls.map((t) => ({
          id: t.id ?? nextId('call_'),
          type: 'function',
          function: { name: t.name, arguments: argumentsText(t.arguments) },
        }))
      : undefined;
  const text = replyText(reply);
  return {
    id: nextId('chatcmpl-'),
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: request.body.model ?? 'gpt-emulator',
    system_fingerprint: 'fp_emulator',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: toolCalls && !text ? null : 'refusal' in reply ? null : text,
          refusal: 'refusal' in reply ? reply.refusal : null,
          annotations: [],
          ...(toolCalls ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: toolCalls ? 'tool_calls' : 'stop',
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

/** The same completion as server-sent-event chunks (stream: true). */
export function chatCompletionChunks(completion: Record<string, unknown>): Record<string, unknown>[] {
  const choice = (completion.choices as { message: Record<string, unknown>; finish_reason: string }[])[0]!;
  const { id, created, model, system_fingerprint } = completion;
  const head = { id, object: 'chat.completion.chunk', created, model, system_fingerprint };
  const toolCalls = (choice.message.tool_calls as Record<string, unknown>[] | undefined)?.map((t, index) => ({ index, ...t }));
  return [
    { ...head, choices: [{ index: 0, delta: { role: 'assistant', content: '', refusal: null }, logprobs: null, finish_reason: null }] },
    {
      ...head,
      choices: [
        {
          index: 0,
          delta: {
            ...(choice.message.content ? { content: choice.message.content } : {}),
            ...(choice.message.refusal ? { refusal: choice.message.refusal } : {}),
            ...(toolCalls ? { tool_calls: toolCalls } : {}),
          },
          logprobs: null,
          finish_reason: null,
        },
      ],
    },
    { ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: choice.finish_reason }] },
  ];
}

export function responsesResult(request: ModelRequest, reply: ModelReply): Record<string, unknown> {
  const usage = usageFor(request, reply);
  const output: Record<string, unknown>[] = [];
  const text = replyText(reply);
  if ('refusal' in reply) {
    output.push({ type: 'message', id: nextId('msg_'), status: 'completed', role: 'assistant', content: [{ type: 'refusal', refusal: reply.refusal }] });
  } else if (text) {
    output.push({
      type: 'message',
      id: nextId('msg_'),
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text, annotations: [], logprobs: [] }],
    });
  }
  if ('toolCalls' in reply) {
    for (const t of reply.toolCalls) {
      output.push({
        type: 'function_call',
        id: nextId('fc_'),
        call_id: t.id ?? nextId('call_'),
        name: t.name,
        arguments: argumentsText(t.arguments),
        status: 'completed',
      });
    }
  }
  const body = request.body;
  return {
    id: nextId('resp_'),
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    model: body.model ?? 'gpt-emulator',
    output,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    metadata: {},
    parallel_tool_calls: true,
    temperature: body.temperature ?? 1,
    top_p: 1,
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    text: body.text ?? { format: { type: 'text' } },
    usage: {
      input_tokens: usage.prompt_tokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: usage.completion_tokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: usage.prompt_tokens + usage.completion_tokens,
    },
  };
}
