import type { Connection } from 'mongoose';
import type { ClauseSegment } from '../../core/contract-text/segment-clauses.js';
import type { ContractDocument, ContractDocumentStamp } from '../../core/domain/contract-document.js';
import type { ContractDocuments } from '../../core/ports/contract-documents.js';
import { isDuplicateKeyError } from './insert-claim.js';
import { contractDocumentModel, type ContractDocumentDoc } from './models/ask-models.js';

function docToDocument(d: ContractDocumentDoc): ContractDocument {
  return {
    contractId: d.contractId,
    fileName: d.fileName,
    mime: d.mime,
    text: d.text,
    sections: d.sections as ClauseSegment[],
    createdAt: new Date(d.createdAt),
  };
}

/** Contract texts in `contract_documents`, one per contract (`_id` = contract id). */
export class MongoContractDocuments implements ContractDocuments {
  constructor(private readonly connection: Connection) {}

  private get Doc() {
    return contractDocumentModel(this.connection);
  }

  async put(document: ContractDocument): Promise<void> {
    const doc = { _id: document.contractId, ...document };
    // A replacement writes the whole document, so repeating it (a roll-forward) writes the same.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.Doc.replaceOne({ _id: document.contractId }, doc, { upsert: true });
        return;
      } catch (error) {
        // Two upserts racing on a new id: one inserts, the other retries as a replacement.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
  }

  async find(contractId: string): Promise<ContractDocument | null> {
    const d = await this.Doc.findById(contractId).lean<ContractDocumentDoc>();
    return d ? docToDocument(d) : null;
  }

  async stamps(contractIds: readonly string[]): Promise<ContractDocumentStamp[]> {
    if (contractIds.length === 0) return [];
    const rows = await this.Doc.find({ _id: { $in: [...contractIds] } }, { contractId: 1, createdAt: 1 }).lean<
      Pick<ContractDocumentDoc, 'contractId' | 'createdAt'>[]
    >();
    return rows.map((r) => ({ contractId: r.contractId, createdAt: new Date(r.createdAt) }));
  }

  async allStamps(): Promise<ContractDocumentStamp[]> {
    const rows = await this.Doc.find({}, { contractId: 1, createdAt: 1 }).lean<Pick<ContractDocumentDoc, 'contractId' | 'createdAt'>[]>();
    return rows.map((r) => ({ contractId: r.contractId, createdAt: new Date(r.createdAt) }));
  }
}
