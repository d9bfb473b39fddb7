// Where the browser for the browser tests lives: CHROMIUM_PATH, else Debian's /usr/bin/chromium. We never
// download a browser (the machines that run this have no route to a browser CDN).
import { accessSync, constants } from 'node:fs';

/** Candidate browser paths, in order of preference; CHROMIUM_PATH, when set, is the only one (no silent fallback). */
export function chromiumCandidates(env = process.env) {
  return env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
}

/** The first executable browser, or null when there is none. */
export function findChromium(env = process.env) {
  for (const candidate of chromiumCandidates(env)) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not there or not executable: try the next one
    }
  }
  return null;
}

/** What to tell people when no browser is found. */
export const INSTALL_CHROMIUM_HINT =
  'Install it with `sudo apt-get install chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.';

/** Why no browser was found, and how to get one. */
export function missingChromiumMessage(env = process.env) {
  const where = env.CHROMIUM_PATH
    ? `CHROMIUM_PATH (${env.CHROMIUM_PATH}) is not an executable file`
    : 'no Chromium found at /usr/bin/chromium';
  return `${where}. ${INSTALL_CHROMIUM_HINT}`;
}
