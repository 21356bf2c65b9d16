/** Atomic counters: every call returns a value no other call (in any process) gets. */
export interface SequenceGenerator {
  next(name: string): Promise<number>;
}
