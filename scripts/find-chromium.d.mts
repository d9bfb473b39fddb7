/** Candidate browser paths, in order of preference; CHROMIUM_PATH, when set, is the only one. */
export function chromiumCandidates(env?: NodeJS.ProcessEnv): string[];
/** The first executable browser, or null when there is none. */
export function findChromium(env?: NodeJS.ProcessEnv): string | null;
/** What to tell people when no browser is found. */
export const INSTALL_CHROMIUM_HINT: string;
/** Why no browser was found, and how to get one. */
export function missingChromiumMessage(env?: NodeJS.ProcessEnv): string;
