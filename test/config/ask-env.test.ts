import { loadEnv } from '../../src/config/env.js';
import { isAdmin } from '../../src/core/ask/contract-visibility.js';

describe('Ask Clause settings', () => {
  it('reads CLAUSE_ADMINS as a list of e-mails or platform ids, matched case-insensitively', () => {
    const env = loadEnv({ CLAUSE_ADMINS: ' counsel@example.com, U0LEGAL ,,teams:aad-1 ' });
    expect(env.CLAUSE_ADMINS).toEqual(['counsel@example.com', 'U0LEGAL', 'teams:aad-1']);
    expect(isAdmin(env.CLAUSE_ADMINS, { platform: 'teams', id: 'x', email: 'Counsel@Example.com' })).toBe(true);
    expect(isAdmin(env.CLAUSE_ADMINS, { platform: 'slack', id: 'U0LEGAL' })).toBe(true);
    expect(isAdmin(env.CLAUSE_ADMINS, { platform: 'teams', id: 'aad-1' })).toBe(true);
    expect(isAdmin(env.CLAUSE_ADMINS, { platform: 'slack', id: 'U0OTHER', email: 'other@example.com' })).toBe(false);
    expect(loadEnv({}).CLAUSE_ADMINS).toEqual([]);
  });

  it('defaults and checks the file limit and the OpenAI timeout', () => {
    expect(loadEnv({})).toMatchObject({ CONTRACT_FILE_MAX_MB: 15, OPENAI_TIMEOUT_MS: 6000 });
    expect(() => loadEnv({ CONTRACT_FILE_MAX_MB: 'big' })).toThrow('Configuration error: CONTRACT_FILE_MAX_MB must be a number of megabytes');
    expect(() => loadEnv({ OPENAI_TIMEOUT_MS: '5' })).toThrow(/OPENAI_TIMEOUT_MS/);
  });
});
