/** MongoDB (and FerretDB) report a unique-index violation as code 11000. */
export function isDuplicateKeyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000;
}

/** Runs an insert that is a claim: true if this call created the document, false if the id was taken. */
export async function insertClaim(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/**
 * Runs an unordered insertMany of claims: returns the indexes whose id was already taken (they
 * failed alone); any other error is thrown.
 */
export async function insertManyClaims(insert: () => Promise<unknown>): Promise<Set<number>> {
  try {
    await insert();
    return new Set();
  } catch (error) {
    const writeErrors = (error as { writeErrors?: Array<{ index: number; code?: number }> | { index: number; code?: number } }).writeErrors;
    const failures = Array.isArray(writeErrors) ? writeErrors : writeErrors ? [writeErrors] : [];
    if (failures.length === 0 || failures.some((w) => w.code !== 11000)) throw error;
    return new Set(failures.map((w) => w.index));
  }
}
