import { PassThrough } from 'node:stream';
import { createLogger, redactText, resolveLogFormat, routeConsoleTo } from '../../src/infra/logger.js';
import { loadEnv } from '../../src/config/env.js';

function capture() {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (c: Buffer) => (text += c.toString()));
  return { stream, lines: () => text.split('\n').filter(Boolean) };
}

describe('log format', () => {
  it('is pretty on a terminal and JSON otherwise, unless LOG_FORMAT forces one', () => {
    expect(resolveLogFormat('auto', { isTTY: true })).toBe('pretty');
    expect(resolveLogFormat('auto', { isTTY: false })).toBe('json');
    expect(resolveLogFormat('auto', {})).toBe('json');
    expect(resolveLogFormat('json', { isTTY: true })).toBe('json');
    expect(resolveLogFormat('pretty', { isTTY: false })).toBe('pretty');
    expect(loadEnv({}).LOG_FORMAT).toBe('auto');
    expect(() => loadEnv({ LOG_FORMAT: 'xml' })).toThrow('Configuration error: LOG_FORMAT must be json, pretty or auto');
  });

  it('writes one readable line per event in pretty format, redacted like JSON', () => {
    const out = capture();
    const logger = createLogger('info', out.stream, 'pretty');
    logger.info({ config: { token: 'xoxb-secret-1' }, port: 3000 }, 'Clause is listening');
    logger.warn('second event');
    const lines = out.lines();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/INFO.*Clause is listening/);
    expect(lines[0]).toContain('[redacted]');
    expect(lines[0]).not.toContain('xoxb-secret-1');
    expect(() => JSON.parse(lines[0]!)).toThrow();
    expect(lines[1]).toMatch(/WARN.*second event/);
  });

  it('writes JSON by default', () => {
    const out = capture();
    createLogger('info', out.stream).info({ password: 'hunter2' }, 'json line');
    expect(JSON.parse(out.lines()[0]!)).toMatchObject({ msg: 'json line', password: '[redacted]' });
  });
});

describe('third-party console output', () => {
  const saved = { log: console.log, info: console.info, debug: console.debug, warn: console.warn, error: console.error };
  afterEach(() => Object.assign(console, saved));

  it('goes through the logger with secrets in the text redacted', () => {
    const out = capture();
    routeConsoleTo(createLogger('info', out.stream));
    console.warn('BadRequest: Missing activity or activity type.');
    console.error(new Error('401 for Bearer eyJhbGciOi.abc.def at mongodb://user:pw@db:27017/'));
    const [warn, error] = out.lines().map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(warn).toMatchObject({ level: 40, component: 'console', msg: 'BadRequest: Missing activity or activity type.' });
    expect(error).toMatchObject({ level: 50, component: 'console' });
    expect(JSON.stringify(error)).not.toMatch(/eyJhbGciOi|user:pw/);
  });

  it('redacts tokens, keys and connection-string passwords in free text', () => {
    expect(redactText('token xoxb-123-abc and xapp-1-A and sk-abcdefghijklmnop')).toBe('token [redacted] and [redacted] and [redacted]');
    expect(redactText('mongodb+srv://u:p@cluster0.example.net/x')).toBe('mongodb+srv://[redacted]@cluster0.example.net/x');
  });
});
