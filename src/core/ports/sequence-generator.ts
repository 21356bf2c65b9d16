/** Atomic counters: every call returns a value no other call (in any process) gets. */
export interface SequenceGenerator {
  next(name: string): Promise<number>;
  /** `count` values at once (bulk imports), ascending; each as unique as one from next(). */
  nextMany(name: string, count: number): Promise<number[]>;
}
