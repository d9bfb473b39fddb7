// zod compiles fast object parsers with `new Function` when it may; under our CSP (no 'unsafe-eval', see
// server/http/request-guard.ts) its probe for that is refused and reported as a violation on every page.
// Jitless mode skips the probe; the parsers it uses instead are the same ones it falls back to anyway.
import { z } from 'zod';

z.config({ jitless: true });
