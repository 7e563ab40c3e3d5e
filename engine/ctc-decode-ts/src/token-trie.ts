/**
 * A prefix tree over token indices, used for the lexicon and the hotwords.
 * Edges live in one open-addressing hash table of typed arrays (parent node,
 * token → child node), so a lookup is a probe or two whatever the alphabet
 * size, and a large word list costs 12 bytes per slot instead of a Map entry
 * per edge and the garbage of growing one (the words decoder's trie: 646k
 * edges in 12.6 MB).
 */
export class TokenTrie {
  static readonly ROOT = 0;
  /** Per slot: the edge's parent node, token and child node (0 = empty slot: the root is no child). */
  private parent: Int32Array;
  private token: Int32Array;
  private childAt: Int32Array;
  private mask: number;
  private edges = 0;
  private nodes = 1;
  /** Per node: 1 when a sequence ends there. */
  private terminal = new Uint8Array(16);
  /** Per node: the value stored with the sequence that ends there (e.g. a word). */
  private values: (string | undefined)[] = [undefined];

  constructor(readonly V: number) {
    this.parent = new Int32Array(16);
    this.token = new Int32Array(16);
    this.childAt = new Int32Array(16);
    this.mask = 15;
  }

  get nodeCount(): number {
    return this.nodes;
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
    const s = this.slot(node, token);
    if (this.childAt[s] !== 0) return this.childAt[s];
    const next = this.nodes++;
    if (next === this.terminal.length) {
      const grown = new Uint8Array(next * 2);
      grown.set(this.terminal);
      this.terminal = grown;
    }
    this.values.push(undefined);
    this.parent[s] = node;
    this.token[s] = token;
    this.childAt[s] = next;
    // Kept under 3/4 full: linear probing stays short.
    if (++this.edges * 4 > (this.mask + 1) * 3) this.rehash();
    return next;
  }

  /** The child of `node` along `token`, or -1. */
  child(node: number, token: number): number {
    const c = this.childAt[this.slot(node, token)];
    return c === 0 ? -1 : c;
  }

  isTerminal(node: number): boolean {
    return this.terminal[node] === 1;
  }

  valueAt(node: number): string | undefined {
    return this.values[node];
  }

  /** The slot holding edge (node, token), or the empty slot where it would go. */
  private slot(node: number, token: number): number {
    let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(token + 1, 0x85ebca6b);
    h ^= h >>> 15;
    let s = h & this.mask;
    while (this.childAt[s] !== 0 && (this.parent[s] !== node || this.token[s] !== token))
      s = (s + 1) & this.mask;
    return s;
  }

  private rehash(): void {
    const { parent, token, childAt } = this;
    const size = (this.mask + 1) * 2;
    this.parent = new Int32Array(size);
    this.token = new Int32Array(size);
    this.childAt = new Int32Array(size);
    this.mask = size - 1;
    for (let i = 0; i < childAt.length; i++) {
      if (childAt[i] === 0) continue;
      const s = this.slot(parent[i], token[i]);
      this.parent[s] = parent[i];
      this.token[s] = token[i];
      this.childAt[s] = childAt[i];
    }
  }
}
