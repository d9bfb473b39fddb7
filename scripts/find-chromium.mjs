// Where the browser for the browser tests lives: CHROMIUM_PATH, else Debian's /usr/bin/chromium. We never
// download a browser (the machines that run this have no route to a browser CDN).
import { accessSync, constants } from 'node:fs';

/** Candidate browser paths, in order of preference. */
export function chromiumCandidates(env = process.env) {
  return [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
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
