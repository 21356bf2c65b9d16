import { Schema } from 'mongoose';

export const userRefSchema = new Schema(
  {
    platform: { type: String, required: true },
    id: { type: String, required: true },
    tenantId: String,
    email: String,
    displayName: String,
  },
  { _id: false },
);
