import type { Connection } from 'mongoose';
import type { ContractsByEmail } from '../../core/ports/contracts-by-email.js';
import { contractModel } from './models/contract-model.js';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Owner or requester by e-mail (case-insensitive), ids only. */
export class MongoContractsByEmail implements ContractsByEmail {
  constructor(private readonly connection: Connection) {}

  async contractIdsInvolvingEmail(email: string): Promise<string[]> {
    const exact = { $regex: `^${escapeRegex(email.trim())}$`, $options: 'i' };
    const rows = await contractModel(this.connection)
      .find({ $or: [{ 'owner.email': exact }, { 'requester.email': exact }] }, { _id: 1 })
      .lean<Array<{ _id: unknown }>>();
    return rows.map((r) => String(r._id));
  }
}
