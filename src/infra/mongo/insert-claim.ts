import { isDuplicateKeyError } from './is-duplicate-key-error.js';

/**
 * Runs an insert that claims a deterministic `_id`: true if this call created it, false if the id
 * was already taken (another worker, an earlier run). The one exclusive write FerretDB v1 offers.
 */
export async function insertClaim(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
