import OpenAI, { APIConnectionTimeoutError, BadRequestError, AuthenticationError } from 'openai';
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import { OpenAIEmulator, cosine } from './openai-emulator.js';
import { realmSafeFetch } from './realm-safe-fetch.js';

const ZTerms = z.object({ counterparty: z.string(), termMonths: z.number().int() });

describe('OpenAI emulator, driven by the openai SDK', () => {
  const ai = new OpenAIEmulator({ apiKey: 'sk-test' });
  let client: OpenAI;

  beforeAll(async () => {
    await ai.start();
  });
  afterAll(() => ai.stop());
  beforeEach(() => {
    ai.reset();
    client = new OpenAI({ apiKey: 'sk-test', baseURL: ai.baseURL, maxRetries: 0 });
  });

  it('answers a chat completion from the script and records what was sent', async () => {
    ai.enqueue({ content: 'This is a mutual NDA.' });
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You summarise contracts.' },
        { role: 'user', content: [{ type: 'text', text: 'Summarise: Acme NDA' }] },
      ],
    });
    expect(res.choices[0]!.message.content).toBe('This is a mutual NDA.');
    expect(res.model).toBe('gpt-4o-mini');
    expect(res.usage!.total_tokens).toBeGreaterThan(0);
    const [req] = ai.requests('chat.completions');
    expect(req).toMatchObject({ authorization: 'Bearer sk-test', retryCount: 0, status: 200 });
    expect(ai.sentText()).toContain('Summarise: Acme NDA');
    expect(ai.sentText()).not.toContain('Globex');
  });

  it('returns scripted tool calls', async () => {
    ai.enqueue({ toolCalls: [{ name: 'find_contract', arguments: { ref: 'C-2026-0001' } }] });
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'show C-2026-0001' }],
      tools: [{ type: 'function', function: { name: 'find_contract', parameters: { type: 'object', properties: { ref: { type: 'string' } } } } }],
    });
    const choice = res.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls![0]!;
    expect(call.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ ref: 'C-2026-0001' });
  });

  it('serves json_schema structured output that the SDK parses with zod', async () => {
    ai.enqueue({ json: { counterparty: 'Acme Corp', termMonths: 24 } });
    const res = await client.chat.completions.parse({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'extract terms' }],
      response_format: zodResponseFormat(ZTerms, 'terms'),
    });
    expect(res.choices[0]!.message.parsed).toEqual({ counterparty: 'Acme Corp', termMonths: 24 });
    expect(ai.requests()[0]!.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'terms' } });
  });

  it('lets a handler answer from the request', async () => {
    ai.setFallback((req) => ({ content: `you said ${req.messages.at(-1)!.content}` }));
    const res = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    expect(res.choices[0]!.message.content).toBe('you said hi');
  });

  it('streams a completion', async () => {
    ai.enqueue({ content: 'streamed' });
    const stream = await client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }], stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('streamed');
  });

  it('answers the Responses API', async () => {
    ai.enqueue({ content: 'hello from responses' });
    const res = await client.responses.create({ model: 'gpt-4o-mini', instructions: 'be brief', input: 'hi' });
    expect(res.output_text).toBe('hello from responses');
    expect(ai.sentText()).toContain('be brief');
  });

  it('fails loudly with a 400 when nothing is scripted', async () => {
    await expect(client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('rejects a wrong API key', async () => {
    const bad = new OpenAI({ apiKey: 'sk-wrong', baseURL: ai.baseURL, maxRetries: 0 });
    await expect(bad.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('embeds deterministically: similar texts are close, unrelated ones are not', async () => {
    const input = [
      'The supplier shall indemnify the customer against third party claims',
      'Supplier must indemnify customer for claims by third parties',
      'Lunch menu: tomato soup and bread',
    ];
    // The SDK asks for base64 by default and decodes it; ask for floats too to check both paths.
    const b64 = await client.embeddings.create({ model: 'text-embedding-3-small', input });
    const floats = await client.embeddings.create({ model: 'text-embedding-3-small', input, encoding_format: 'float' });
    const [a, b, c] = b64.data.map((d) => d.embedding);
    expect(a).toHaveLength(1536);
    expect(floats.data[0]!.embedding[5]).toBeCloseTo(a![5]!, 6);
    expect(cosine(a!, a!)).toBeCloseTo(1, 5);
    expect(cosine(a!, b!)).toBeGreaterThan(0.3);
    expect(Math.abs(cosine(a!, c!))).toBeLessThan(0.15);
    const small = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'x', dimensions: 64 });
    expect(small.data[0]!.embedding).toHaveLength(64);
  });

  it('recovers from a 429 with retry-after when the client retries', async () => {
    ai.failNext({ status: 429, retryAfterMs: 20, endpoint: 'chat.completions' });
    ai.enqueue({ content: 'after the limit' });
    const retrying = new OpenAI({ apiKey: 'sk-test', baseURL: ai.baseURL, maxRetries: 2 });
    const res = await retrying.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] });
    expect(res.choices[0]!.message.content).toBe('after the limit');
    expect(ai.requests().map((r) => [r.status, r.retryCount])).toEqual([
      [429, 0],
      [200, 1],
    ]);
  });

  it('surfaces a 500 when retries are off', async () => {
    ai.failNext({ status: 500 });
    await expect(client.embeddings.create({ model: 'text-embedding-3-small', input: 'x' })).rejects.toMatchObject({ status: 500 });
  });

  it('times out a slow answer with APIConnectionTimeoutError', async () => {
    ai.failNext({ delayMs: 5_000 });
    ai.enqueue({ content: 'too late' });
    // realmSafeFetch: under jest the SDK would otherwise misreport the timeout (see its comment).
    const impatient = new OpenAI({ apiKey: 'sk-test', baseURL: ai.baseURL, maxRetries: 0, timeout: 100, fetch: realmSafeFetch });
    await expect(impatient.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] })).rejects.toBeInstanceOf(
      APIConnectionTimeoutError,
    );
    await ai.waitFor((r) => r.status === 0);
    expect(ai.pending()).toBe(1); // the model was never "asked": the scripted reply is still queued
  });
});
