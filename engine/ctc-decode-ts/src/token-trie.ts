/**
 * A prefix tree over token indices, used for the lexicon and the hotwords.
 * Edges live in one Map keyed by node * V + token, so a lookup is one hash
 * probe whatever the alphabet size and memory stays proportional to the edges.
 */
export class TokenTrie {
  static readonly ROOT = 0;
  private readonly edges = new Map<number, number>();
  /** Per node: 1 when a sequence ends there. */
  private terminal: number[] = [0];
  /** Per node: the value stored with the sequence that ends there (e.g. a word). */
  private values: (string | undefined)[] = [undefined];

  constructor(readonly V: number) {}

  get nodeCount(): number {
    return this.terminal.length;
  }

  /** Inserts a sequence, returns the node where it ends. */
  insert(tokens: ArrayLike<number>, value?: string): number {
    let node = TokenTrie.ROOT;
    for (let i = 0; i < tokens.length; i++) node = this.extend(node, tokens[i]);
    this.terminal[node] = 1;
    if (value !== undefined) this.values[node] = value;
    return node;
  }

  /** The child of `node` along `token`, created (not terminal) if absent. */
  extend(node: number, token: number): number {
    const key = node * this.V + token;
    let next = this.edges.get(key);
    if (next === undefined) {
      next = this.terminal.length;
      this.terminal.push(0);
      this.values.push(undefined);
      this.edges.set(key, next);
    }
    return next;
  }

  /** The child of `node` along `token`, or -1. */
  child(node: number, token: number): number {
    return this.edges.get(node * this.V + token) ?? -1;
  }

  isTerminal(node: number): boolean {
    return this.terminal[node] === 1;
  }

  valueAt(node: number): string | undefined {
    return this.values[node];
  }
}
