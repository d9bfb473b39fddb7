// JSONPath strings for findings and contributions ("$.tags.costcenter.tag_value", "$.plans['a:b']").

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;

/** Append an object key to a JSONPath, using bracket notation when the key is not a plain identifier. */
export function childPath(path: string, key: string): string {
  if (IDENTIFIER.test(key)) return `${path}.${key}`;
  return `${path}['${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}']`;
}

/** Append an array index to a JSONPath. */
export function indexPath(path: string, index: number): string {
  return `${path}[${index}]`;
}
