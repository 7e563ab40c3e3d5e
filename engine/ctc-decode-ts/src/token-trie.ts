/**
 * A prefix tree over token indices, used for the lexicon and the hotwords.
 * Edges live in one open-addressing hash table of typed arrays (parent node,
 * token → child node), so a lookup is a probe or two whatever the alphabet
 * size, and a large word list costs 12 bytes per slot instead of a Map entry
 * per edge and the garbage of growing one (the words decoder's trie: 646k
 * edges in 12.6 MB). share() puts the tables on SharedArrayBuffers, so other
 * threads read the same trie (TokenTrie.fromShared) instead of building their own.
 */

/** A TokenTrie's tables, from share(): SharedArrayBuffer-backed, for TokenTrie.fromShared in another thread. */
export interface TokenTrieData {
  V: number;
  nodes: number;
  edges: number;
  ends: number;
  parent: Int32Array;
  token: Int32Array;
  childAt: Int32Array;
  terminal: Uint8Array;
  values: Map<number, string> | null;
}

/** A copy of `a` on a SharedArrayBuffer. */
export function sharedCopy<A extends Int32Array | Uint8Array | Float64Array>(a: A): A {
  const Ctor = a.constructor as new (buffer: SharedArrayBuffer) => A;
  const out = new Ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a as never);
  return out;
}
export class TokenTrie {
  static readonly ROOT = 0;
  /** Per slot: the edge's parent node, token and child node (0 = empty slot: the root is no child). */
  private parent: Int32Array;
  private token: Int32Array;
  private childAt: Int32Array;
  private mask: number;
  private edges = 0;
  private nodes = 1;
  private endCount = 0;
  /** Per node: 1 when a sequence ends there. */
  private terminal: Uint8Array = new Uint8Array(16);
  /** By node: the value stored with the sequence that ends there (e.g. a phrase), if any was given. */
  private values: Map<number, string> | null = null;
  /** Shared with other threads (share(), fromShared()): read-only. */
  private frozen = false;

  constructor(readonly V: number) {
    this.parent = new Int32Array(16);
    this.token = new Int32Array(16);
    this.childAt = new Int32Array(16);
    this.mask = 15;
  }

  get nodeCount(): number {
    return this.nodes;
  }

  /** Number of sequences inserted (each counted once, however often inserted). */
  get ends(): number {
    return this.endCount;
  }

  /** Inserts a sequence, returns the node where it ends. */
  insert(tokens: ArrayLike<number>, value?: string): number {
    this.checkWritable();
    let node = TokenTrie.ROOT;
    for (let i = 0; i < tokens.length; i++) node = this.extend(node, tokens[i]);
    this.setTerminal(node);
    if (value !== undefined) (this.values ??= new Map()).set(node, value);
    return node;
  }

  /** The child of `node` along `token`, created (not terminal) if absent. */
  extend(node: number, token: number): number {
    const s = this.slot(node, token);
    if (this.childAt[s] !== 0) return this.childAt[s];
    this.checkWritable();
    const next = this.nodes++;
    if (next === this.terminal.length) {
      const grown = new Uint8Array(next * 2);
      grown.set(this.terminal);
      this.terminal = grown;
    }
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
    return this.values?.get(node);
  }

  /**
   * The edges by child node: parent[n] and token[n] lead to node n (the root's
   * are -1). Nodes are numbered as created, so a parent comes before its children.
   */
  edgesByNode(): { parent: Int32Array; token: Int32Array } {
    const parent = new Int32Array(this.nodes).fill(-1);
    const token = new Int32Array(this.nodes).fill(-1);
    for (let s = 0; s < this.childAt.length; s++) {
      const child = this.childAt[s];
      if (child === 0) continue;
      parent[child] = this.parent[s];
      token[child] = this.token[s];
    }
    return { parent, token };
  }

  /** Marks `node` (from extend) as the end of a sequence, as insert() does. */
  setTerminal(node: number): void {
    this.checkWritable();
    if (this.terminal[node] === 0) this.endCount++;
    this.terminal[node] = 1;
  }

  /**
   * The tables, moved onto SharedArrayBuffers (once) for TokenTrie.fromShared
   * in other threads; this trie reads them from then on and can no longer grow.
   */
  share(): TokenTrieData {
    if (!this.frozen) {
      this.parent = sharedCopy(this.parent);
      this.token = sharedCopy(this.token);
      this.childAt = sharedCopy(this.childAt);
      this.terminal = sharedCopy(this.terminal.subarray(0, this.nodes));
      this.frozen = true;
    }
    const { V, nodes, edges, parent, token, childAt, terminal, values } = this;
    return { V, nodes, edges, ends: this.endCount, parent, token, childAt, terminal, values };
  }

  /** The trie another thread shared (read-only: it cannot grow). */
  static fromShared(data: TokenTrieData): TokenTrie {
    const size = data.childAt.length;
    if (
      size < 1 ||
      (size & (size - 1)) !== 0 ||
      data.parent.length !== size ||
      data.token.length !== size ||
      data.terminal.length < data.nodes
    )
      throw new RangeError('not the tables of a shared TokenTrie');
    const trie = new TokenTrie(data.V);
    trie.parent = data.parent;
    trie.token = data.token;
    trie.childAt = data.childAt;
    trie.mask = size - 1;
    trie.terminal = data.terminal;
    trie.nodes = data.nodes;
    trie.edges = data.edges;
    trie.endCount = data.ends;
    trie.values = data.values;
    trie.frozen = true;
    return trie;
  }

  private checkWritable(): void {
    if (this.frozen) throw new Error('this trie is shared with other threads: it cannot change');
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
