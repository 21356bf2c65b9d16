import { Schema, type Connection, type Model } from 'mongoose';
import type { Clock } from '../../core/ports/clock.js';
import { GREETING_CLAIM_PREFIX, type FormSubmissions } from '../../core/ports/form-submissions.js';
import { isDuplicateKeyError } from './insert-claim.js';

/**
 * One document per submitted chat form (`_id` = the form's id). The insert is the claim, so a
 * form that is submitted twice (double click, a retried invoke) files one request only; on
 * FerretDB too, which does not isolate conditional updates.
 */
interface FormSubmissionDoc {
  _id: string;
  /** When the claim was made (written since the collection exists): what the prune goes by. */
  at: Date;
  /** What the first submission produced, so a repeat can show the same confirmation. */
  result?: string;
}

const formSubmissionSchema = new Schema<FormSubmissionDoc>(
  { _id: { type: String, required: true }, at: { type: Date, required: true }, result: { type: String } },
  { collection: 'chat_form_submissions', versionKey: false },
);
// A plain ascending index (no TTL, no partial filter: FerretDB v1 has neither) for the daily prune.
formSubmissionSchema.index({ at: 1 });

type FormSubmissionModel = Model<FormSubmissionDoc>;

export class MongoFormSubmissions implements FormSubmissions {
  private readonly model: FormSubmissionModel;

  constructor(
    connection: Connection,
    private readonly clock: Clock,
  ) {
    this.model =
      (connection.models.ChatFormSubmission as FormSubmissionModel | undefined) ??
      connection.model<FormSubmissionDoc>('ChatFormSubmission', formSubmissionSchema);
  }

  async init(): Promise<void> {
    await this.model.createIndexes();
  }

  /** True when this call is the first to submit the form. */
  async claim(formId: string): Promise<boolean> {
    try {
      await this.model.create({ _id: formId, at: this.clock.now() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  async complete(formId: string, result: string): Promise<void> {
    await this.model.updateOne({ _id: formId }, { $set: { result } });
  }

  /** Gives the form back when filing failed, so the user can correct it and submit again. */
  async release(formId: string): Promise<void> {
    await this.model.deleteOne({ _id: formId, result: { $exists: false } });
  }

  /** Removes the claim whatever its state (e.g. a greeting, when the app is uninstalled). */
  async forget(formId: string): Promise<void> {
    await this.model.deleteOne({ _id: formId });
  }

  async result(formId: string): Promise<string | undefined> {
    const doc = await this.model.findById(formId).lean<FormSubmissionDoc>();
    return doc?.result;
  }

  /**
   * Deletes the form claims made before `before` (FORM_CLAIM_RETENTION_DAYS), greetings excepted
   * (they last as long as the install). A plain range on the indexed `at` plus a negated prefix
   * match on `_id`: both run on FerretDB v1 and MongoDB. Every claim has had `at` since the
   * collection exists; one without it would not match `$lt` and is kept (never deleted by guess).
   */
  async prune(before: Date): Promise<number> {
    const greeting = new RegExp(`^${GREETING_CLAIM_PREFIX}`);
    return (await this.model.deleteMany({ at: { $lt: before }, _id: { $not: greeting } })).deletedCount;
  }
}
