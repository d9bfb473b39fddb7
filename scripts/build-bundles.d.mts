/** Where the bundles go, relative to the repository root. */
export const BUNDLE_DIR: string;
/** The bundles' entry points: output name -> source. */
export const BUNDLE_ENTRIES: Readonly<Record<string, string>>;
/**
 * True when the bundles are missing or older than a source; with `command`, only the sources that CLI command runs
 * (undefined: the dispatcher alone, as for `lzsim --help`).
 */
export function bundlesAreStale(root?: string, options?: { command?: string | undefined }): boolean;
/** Build every bundle and swap the new set in; resolves to the time taken in ms. */
export function buildBundles(root?: string): Promise<number>;
/** Build when stale; resolves to true when it built. */
export function ensureBundles(root?: string, log?: (line: string) => void): Promise<boolean>;
