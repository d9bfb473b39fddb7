// Stable identifiers derived from text. IAM Identity Center gives its roles and SAML providers random suffixes; a
// design has no deployment to read them from, so they are derived from what they belong to (the instance, the
// permission set, the account): the same design yields the same names on every load, export and import.

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

/** 64-bit FNV-1a of the text's UTF-16 code units. */
function fnv1a64(text: string, seed = FNV_OFFSET): bigint {
  let hash = seed;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV_PRIME) & MASK;
  }
  return hash;
}

/** Sixteen lower-case hex characters derived from the parts (the form of AWSReservedSSO_ role suffixes). */
export function stableHex16(...parts: string[]): string {
  return fnv1a64(parts.join('\u0000')).toString(16).padStart(16, '0');
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** `length` upper-case letters and digits derived from the parts (for AROA… role ids). */
export function stableUpperAlnum(length: number, ...parts: string[]): string {
  let out = '';
  let hash = fnv1a64(parts.join('\u0000'));
  for (let round = 1; out.length < length; round += 1) {
    let value = hash;
    for (let i = 0; i < 12 && out.length < length; i += 1) {
      out += UPPER_ALNUM[Number(value % 36n)];
      value /= 36n;
    }
    hash = fnv1a64(String(round), hash);
  }
  return out;
}
