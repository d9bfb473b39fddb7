// The linear-time core of every wildcard match in the engine (actions, Resource/NotResource ARNs, StringLike,
// ArnLike, the catalogue's action expansion). Policy text is user input: a RegExp built from it backtracks, and a
// Resource repeating `*?` a few times took seconds per match. Here a glob is its star-separated chunks of
// fixed-length text (literal characters and `?`), and matching never backtracks:
// - the first chunk must sit at the start and the last at the end (they have fixed lengths);
// - each chunk in between is taken at its leftmost fit after the previous one. A later fit can only leave less room
//   for what follows, so the leftmost fit never loses a match (the classic result for `*`-separated patterns).
// Finding a chunk is `indexOf` for literal text and a bit-parallel Shift-And scan when it holds `?`, so each
// candidate character is read a bounded number of times: O(candidate × ⌈chunk / 32⌉) at worst, whatever the
// pattern. Positions are UTF-16 code units, as in the rest of the engine (`?` is one code unit).

/** One star-free piece of a glob: fixed length, literal characters and single-character wildcards. */
export interface GlobChunk {
  /** The characters; at a wildcard position the character is ignored. */
  readonly text: string;
  /** 1 where the position is a `?` (any one character); undefined when the chunk is literal text. */
  readonly anyAt: Uint8Array | undefined;
  /** True when every position is a wildcard (`???`): the chunk fits anywhere there is room. */
  readonly allAny: boolean;
  /** Shift-And tables, built on the first search that needs them. */
  shiftAnd?: ShiftAndTable;
}

/** A glob as chunks: chunks[0] is anchored at the start, the last at the end, a `*` between each pair. */
export type GlobChunks = readonly GlobChunk[];

/** Build a chunk from its text and the positions of its `?` wildcards. */
export function makeChunk(text: string, anyPositions: readonly number[]): GlobChunk {
  if (anyPositions.length === 0) return { text, anyAt: undefined, allAny: false };
  const anyAt = new Uint8Array(text.length);
  for (const position of anyPositions) anyAt[position] = 1;
  return { text, anyAt, allAny: anyPositions.length === text.length };
}

/** True when the chunk matches candidate at `at` (the caller checks that it fits before the end). */
export function chunkMatchesAt(chunk: GlobChunk, candidate: string, at: number): boolean {
  const text = chunk.text;
  const anyAt = chunk.anyAt;
  const length = text.length;
  // A character loop: startsWith with a position is not inlined by V8 and measured slower on short chunks.
  if (anyAt === undefined) {
    for (let k = 0; k < length; k++) if (candidate.charCodeAt(at + k) !== text.charCodeAt(k)) return false;
    return true;
  }
  for (let k = 0; k < length; k++) {
    if (anyAt[k] === 0 && candidate.charCodeAt(at + k) !== text.charCodeAt(k)) return false;
  }
  return true;
}

/** Below this many character comparisons a plain scan is cheaper than building and running Shift-And. */
const NAIVE_SEARCH_BUDGET = 512;

/**
 * The leftmost position p in [from, limit - length] where the chunk matches candidate, or -1.
 * Bounded by O((limit - from) × ⌈length / 32⌉) character steps.
 */
export function findChunk(chunk: GlobChunk, candidate: string, from: number, limit: number): number {
  const length = chunk.text.length;
  const lastStart = limit - length;
  if (lastStart < from) return -1;
  if (chunk.anyAt === undefined) {
    const found = candidate.indexOf(chunk.text, from);
    return found !== -1 && found <= lastStart ? found : -1;
  }
  if (chunk.allAny) return from;
  if ((lastStart - from + 1) * length <= NAIVE_SEARCH_BUDGET) {
    for (let at = from; at <= lastStart; at++) if (chunkMatchesAt(chunk, candidate, at)) return at;
    return -1;
  }
  return shiftAndSearch(chunk, candidate, from, limit);
}

/** Match candidate[start, end) against the whole glob. */
export function matchChunks(chunks: GlobChunks, candidate: string, start: number, end: number): boolean {
  const last = chunks.length - 1;
  const head = chunks[0];
  const afterHead = start + head.text.length;
  if (afterHead > end || !chunkMatchesAt(head, candidate, start)) return false;
  if (last === 0) return afterHead === end;
  const tail = chunks[last];
  const tailStart = end - tail.text.length;
  if (tailStart < afterHead || !chunkMatchesAt(tail, candidate, tailStart)) return false;
  let position = afterHead;
  for (let i = 1; i < last; i++) {
    const chunk = chunks[i];
    const found = findChunk(chunk, candidate, position, tailStart);
    if (found === -1) return false;
    position = found + chunk.text.length;
  }
  return true;
}

// Shift-And (Baeza-Yates and Gonnet): bit k of the state is set when the chunk's first k+1 positions match the
// candidate ending at the current character. One step is a shift, an OR of the start bit and an AND with the
// character's mask, over ⌈length / 32⌉ words.

/** Per-character masks of a chunk for Shift-And. */
interface ShiftAndTable {
  readonly words: number;
  /** Masks for character codes below 128, `words` words each. */
  readonly ascii: Uint32Array;
  /** Masks for other characters that the chunk names. */
  readonly other: Map<number, Uint32Array>;
  /** The mask of a character the chunk does not name: its wildcard positions only. */
  readonly anyMask: Uint32Array;
  /** Scratch state, reused by every search (matching never re-enters itself). */
  readonly state: Uint32Array;
}

function buildShiftAndTable(chunk: GlobChunk): ShiftAndTable {
  const { text, anyAt } = chunk;
  const words = Math.ceil(text.length / 32);
  const anyMask = new Uint32Array(words);
  for (let k = 0; k < text.length; k++) if (anyAt !== undefined && anyAt[k] === 1) anyMask[k >>> 5] |= 1 << (k & 31);
  const ascii = new Uint32Array(128 * words);
  for (let code = 0; code < 128; code++) ascii.set(anyMask, code * words);
  const other = new Map<number, Uint32Array>();
  for (let k = 0; k < text.length; k++) {
    if (anyAt !== undefined && anyAt[k] === 1) continue;
    const code = text.charCodeAt(k);
    if (code < 128) ascii[code * words + (k >>> 5)] |= 1 << (k & 31);
    else {
      let mask = other.get(code);
      if (mask === undefined) other.set(code, (mask = Uint32Array.from(anyMask)));
      mask[k >>> 5] |= 1 << (k & 31);
    }
  }
  return { words, ascii, other, anyMask, state: new Uint32Array(words) };
}

function shiftAndSearch(chunk: GlobChunk, candidate: string, from: number, limit: number): number {
  const table = (chunk.shiftAnd ??= buildShiftAndTable(chunk));
  const { words, ascii, other, anyMask, state } = table;
  const length = chunk.text.length;
  const finalWord = (length - 1) >>> 5;
  const finalBit = 1 << ((length - 1) & 31);
  state.fill(0);
  for (let p = from; p < limit; p++) {
    const code = candidate.charCodeAt(p);
    let mask: Uint32Array = anyMask;
    let offset = 0;
    if (code < 128) {
      mask = ascii;
      offset = code * words;
    } else {
      const named = other.get(code);
      if (named !== undefined) mask = named;
    }
    let carry = 1;
    for (let w = 0; w < words; w++) {
      const word = state[w];
      state[w] = ((word << 1) | carry) & mask[offset + w];
      carry = word >>> 31;
    }
    if ((state[finalWord] & finalBit) !== 0) return p - length + 1;
  }
  return -1;
}

/**
 * Parse a glob into chunks. In plain notation (policy text) every `*` and `?` is a wildcard; in escaped notation
 * (match/wildcard.ts) a backslash makes the next character literal.
 */
export function parseGlob(pattern: string, escaped: boolean): GlobChunk[] {
  const chunks: GlobChunk[] = [];
  let text = '';
  let anyPositions: number[] = [];
  let previousWasStar = false;
  for (let i = 0; i < pattern.length; i++) {
    let ch = pattern[i];
    if (ch === '*') {
      // A run of stars is one star: an empty chunk between two stars would only cost a search.
      if (!previousWasStar) {
        chunks.push(makeChunk(text, anyPositions));
        text = '';
        anyPositions = [];
      }
      previousWasStar = true;
      continue;
    }
    previousWasStar = false;
    if (ch === '?') anyPositions.push(text.length);
    else if (escaped && ch === '\\' && i + 1 < pattern.length) ch = pattern[++i];
    text += ch;
  }
  chunks.push(makeChunk(text, anyPositions));
  return chunks;
}
