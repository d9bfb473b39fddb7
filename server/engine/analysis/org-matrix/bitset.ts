// Fixed-width bitsets over the catalogue's action indexes: one bit per action, 32 per word. The org-wide matrix
// keeps every policy, level and chain as a handful of these (22,091 actions are 691 words, 2.8 KB), so a whole
// organization is a few set operations per level instead of 22,000 statement matches per account.

/** A set of action indexes, one bit each. All bitsets of one ActionIndex have the same length. */
export type Bitset = Uint32Array;

// Bitsets are carved out of shared slabs: a matrix allocates thousands of 2.8 KB sets, and an ArrayBuffer of its own
// for each costs an allocation outside the heap and a finalizer, which made garbage collection most of the time.
// A slab stays alive while any set carved from it does, so slabs are kept small.
const SLAB_WORDS = 1 << 16;
let slab = new ArrayBuffer(SLAB_WORDS * 4);
let slabUsed = 0;

/** Zeroed storage for `words` words. */
function allocate(words: number): Bitset {
  if (words > SLAB_WORDS >>> 2) return new Uint32Array(words);
  if (slabUsed + words > SLAB_WORDS) {
    slab = new ArrayBuffer(SLAB_WORDS * 4);
    slabUsed = 0;
  }
  const view = new Uint32Array(slab, slabUsed * 4, words);
  slabUsed += words;
  return view;
}

/** An empty bitset for `size` actions. */
export function emptyBits(size: number): Bitset {
  return allocate((size + 31) >>> 5);
}

/** A bitset with every one of `size` actions set (the bits past `size` stay clear, so counts stay exact). */
export function fullBits(size: number): Bitset {
  const bits = emptyBits(size);
  bits.fill(0xffffffff);
  clearTail(bits, size);
  return bits;
}

/** Clears the bits past `size` in the last word. */
function clearTail(bits: Bitset, size: number): void {
  const rest = size & 31;
  if (rest !== 0) bits[bits.length - 1] &= (1 << rest) - 1 >>> 0;
}

/** Sets bit `index`. */
export function setBit(bits: Bitset, index: number): void {
  bits[index >>> 5] |= 1 << (index & 31);
}

/** True when bit `index` is set. */
export function hasBit(bits: Bitset, index: number): boolean {
  return (bits[index >>> 5] & (1 << (index & 31))) !== 0;
}

/** Sets bits [from, to). */
export function setRange(bits: Bitset, from: number, to: number): void {
  for (let i = from; i < to; i++) bits[i >>> 5] |= 1 << (i & 31);
}

/** target |= source, in place; returns target. */
export function orInto(target: Bitset, source: Bitset): Bitset {
  for (let i = 0; i < target.length; i++) target[i] |= source[i];
  return target;
}

/** a & b, new. */
export function and(a: Bitset, b: Bitset): Bitset {
  const out = allocate(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & b[i];
  return out;
}

/** a & ~b, new. */
export function andNot(a: Bitset, b: Bitset): Bitset {
  const out = allocate(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] & ~b[i];
  return out;
}

/** a | b, new. */
export function or(a: Bitset, b: Bitset): Bitset {
  const out = allocate(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] | b[i];
  return out;
}

/** The complement within `size` actions, new. */
export function not(a: Bitset, size: number): Bitset {
  const out = allocate(a.length);
  for (let i = 0; i < a.length; i++) out[i] = ~a[i];
  clearTail(out, size);
  return out;
}

/** True when no bit is set. */
export function isEmpty(bits: Bitset): boolean {
  for (let i = 0; i < bits.length; i++) if (bits[i] !== 0) return false;
  return true;
}

/** True when both have the same bits. */
export function sameBits(a: Bitset, b: Bitset): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The number of set bits. */
export function countBits(bits: Bitset): number {
  let count = 0;
  for (let i = 0; i < bits.length; i++) count += popcount(bits[i]);
  return count;
}

/** The number of set bits in [from, to). */
export function countRange(bits: Bitset, from: number, to: number): number {
  let count = 0;
  let i = from;
  // Partial first word, whole words, partial last word.
  while (i < to && (i & 31) !== 0) { if (bits[i >>> 5] & (1 << (i & 31))) count++; i++; }
  while (i + 32 <= to) { count += popcount(bits[i >>> 5]); i += 32; }
  while (i < to) { if (bits[i >>> 5] & (1 << (i & 31))) count++; i++; }
  return count;
}

/** Calls `visit` with every set index, ascending. */
export function forEachBit(bits: Bitset, visit: (index: number) => void): void {
  for (let w = 0; w < bits.length; w++) {
    let word = bits[w];
    while (word !== 0) {
      const low = word & -word;
      visit((w << 5) + (31 - Math.clz32(low)));
      word ^= low;
    }
  }
}

function popcount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Sets that are often empty are `undefined` rather than a zeroed bitset, and operations on them return one of their
 * operands (shared) whenever they can: a chain of 6 levels over 5,000 accounts then allocates only where two non-empty
 * sets meet. Bitsets are never modified after they are built, so sharing is safe.
 */
export type MaybeBits = Bitset | undefined;

/** a ∪ b; one of the operands (shared) when it already holds the other. */
export function union(a: MaybeBits, b: MaybeBits): MaybeBits {
  if (a === undefined || a === b) return b;
  if (b === undefined) return a;
  // Deeper levels of a chain mostly repeat what the path above already says: checking costs a read, a new set an
  // allocation (and garbage collection later).
  if (subsetOf(b, a)) return a;
  if (subsetOf(a, b)) return b;
  return or(a, b);
}

/** a \ b; undefined when empty; a itself when they share nothing. */
export function minus(a: MaybeBits, b: MaybeBits): MaybeBits {
  if (a === undefined || b === undefined) return a;
  if (a === b) return undefined;
  if (!intersects(a, b)) return a;
  if (subsetOf(a, b)) return undefined;
  return andNot(a, b);
}

/** a ∩ b; undefined when empty; an operand when it lies within the other. */
export function intersect(a: MaybeBits, b: MaybeBits): MaybeBits {
  if (a === undefined || b === undefined) return undefined;
  if (a === b) return a;
  if (!intersects(a, b)) return undefined;
  if (subsetOf(a, b)) return a;
  if (subsetOf(b, a)) return b;
  return and(a, b);
}

/** The complement of a within `size` actions; undefined when a holds every action. */
export function complement(a: MaybeBits, size: number): MaybeBits {
  if (a === undefined) return fullBits(size);
  const last = a.length - 1;
  for (let i = 0; i < last; i++) if (a[i] !== 0xffffffff) return not(a, size);
  const rest = size & 31;
  const fullLast = rest === 0 ? 0xffffffff : ((1 << rest) - 1) >>> 0;
  return a[last] >>> 0 === fullLast ? undefined : not(a, size);
}

/**
 * Hash-consing of bitsets: `intern(scratch)` returns a stored bitset with the same bits, copying `scratch` into new
 * storage only the first time those bits are seen. Thousands of chains of an organization end in a few hundred
 * distinct sets, so a matrix stores each once, and results are computed in reusable scratch space.
 */
export class BitsetInterner {
  private readonly byHash = new Map<number, Bitset[]>();

  /** A stored bitset equal to `bits` (which may be scratch space: it is copied, never kept). */
  intern(bits: Bitset): Bitset {
    let hash = 0x811c9dc5;
    for (let i = 0; i < bits.length; i++) hash = Math.imul(hash ^ bits[i], 0x01000193);
    const bucket = this.byHash.get(hash);
    if (bucket) {
      for (const stored of bucket) if (sameBits(stored, bits)) return stored;
    }
    const copy = allocate(bits.length);
    copy.set(bits);
    if (bucket) bucket.push(copy);
    else this.byHash.set(hash, [copy]);
    return copy;
  }
}

/** True when a and b share a bit. */
export function intersects(a: Bitset, b: Bitset): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] & b[i]) !== 0) return true;
  return false;
}

/** True when every bit of a is in b. */
export function subsetOf(a: Bitset, b: Bitset): boolean {
  for (let i = 0; i < a.length; i++) if ((a[i] & ~b[i]) !== 0) return false;
  return true;
}
