/**
 * Deterministic stand-in for an embedding model: a hashed bag of words (plus word pairs at half
 * weight, so order counts a little), L2-normalised. Texts sharing words get a high cosine
 * similarity; unrelated texts land near zero. Same text, same vector, every run.
 */

/** Default width per model, as the real models report it. */
export function defaultDimensions(model: string): number {
  if (model.includes('3-large')) return 3072;
  return 1536;
}

function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

export function hashedEmbedding(text: string, dimensions: number): Float32Array {
  const vec = new Float32Array(dimensions);
  const add = (feature: string, weight: number) => {
    const h = fnv1a(feature);
    // A second, independent hash picks the sign so collisions cancel out rather than pile up.
    const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
    vec[h % dimensions]! += sign * weight;
  };
  const words = tokenize(text);
  words.forEach((w, i) => {
    add(w, 1);
    if (i > 0) add(`${words[i - 1]} ${w}`, 0.5);
  });
  if (words.length === 0) add('\u0000empty', 1); // real models never return a zero vector
  let norm = 0;
  for (const v of vec) norm += v * v;
  norm = Math.sqrt(norm);
  for (let i = 0; i < dimensions; i++) vec[i]! /= norm;
  return vec;
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot; // both are unit vectors
}

/** The wire form the OpenAI SDK asks for by default: little-endian float32 bytes, base64. */
export function toBase64(vec: Float32Array): string {
  return Buffer.from(vec.buffer, vec.byteOffset, vec.byteLength).toString('base64');
}
