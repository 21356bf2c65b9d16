/**
 * Jest runs test files in their own vm realm, but `fetch` comes from Node's realm, so its
 * errors (a DOMException AbortError on timeout) fail `instanceof Error` in the test realm.
 * The openai SDK then re-wraps the error, loses `name === 'AbortError'` and reports a timeout
 * as a plain APIConnectionError. Outside jest the SDK is right; pass this as the client's
 * `fetch` in tests that assert on timeouts.
 */
export const realmSafeFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, init);
  } catch (err) {
    if (err instanceof Error) throw err;
    const outer = err as { name?: string; message?: string; cause?: unknown };
    throw Object.assign(new Error(outer.message ?? String(err), { cause: outer.cause ?? err }), { name: outer.name ?? 'Error' });
  }
};
