// Glob matching as IAM uses it for actions, StringLike and resources: `*` any run (including empty and `/`),
// `?` exactly one character. Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
// (StringLike) and reference_policies_elements_action.html (wildcards in action names, case-insensitive).
// Property tests compare the compiled matchers with the recursive reference in reference-glob.ts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compileEscapedGlob,
  compileGlob,
  escapeGlobLiteral,
  escapeGlobText,
  matchEscapedGlob,
} from '@/server/engine/match/wildcard';
import { referenceGlob, referenceMatch, tokenizeEscaped } from './reference-glob';

const patternChars = fc.constantFrom('a', 'b', ':', '/', '*', '?', '.', '\\');
const candidateChars = fc.constantFrom('a', 'b', ':', '/', '*', '?', '.', '\\');
const pattern = fc.array(patternChars, { maxLength: 8 }).map((chars) => chars.join(''));
const candidate = fc.array(candidateChars, { maxLength: 10 }).map((chars) => chars.join(''));

/** A candidate built from the pattern by filling its wildcards, so that matches are common. */
const patternAndCandidate = pattern.chain((p) =>
  fc.oneof(
    fc.tuple(fc.constant(p), candidate),
    fc.tuple(
      fc.constant(p),
      fc.array(fc.array(candidateChars, { maxLength: 3 }).map((chars) => chars.join('')), { minLength: p.length, maxLength: p.length })
        .map((fills) => [...p].map((ch, i) => (ch === '*' ? fills[i] : ch === '?' ? (fills[i][0] ?? 'a') : ch)).join('')),
    ),
  ),
);

describe('compileGlob', () => {
  it('agrees with the reference matcher', () => {
    fc.assert(
      fc.property(patternAndCandidate, ([p, c]) => {
        expect(compileGlob(p)(c)).toBe(referenceGlob(p, c));
      }),
      { numRuns: 3000 },
    );
  });
  it('case-insensitive mode agrees with the reference on lower-cased inputs', () => {
    fc.assert(
      fc.property(patternAndCandidate, fc.boolean(), ([p, c], upper) => {
        const shouted = upper ? c.toUpperCase() : c;
        expect(compileGlob(p, true)(shouted)).toBe(referenceGlob(p.toLowerCase(), shouted.toLowerCase()));
      }),
      { numRuns: 1000 },
    );
  });
  it('examples', () => {
    expect(compileGlob('s3:Get*')('s3:GetObject')).toBe(true);
    expect(compileGlob('s3:Get*')('s3:getobject')).toBe(false);
    expect(compileGlob('s3:Get*', true)('S3:GETOBJECT')).toBe(true);
    expect(compileGlob('iam:?etRole')('iam:GetRole')).toBe(true);
    expect(compileGlob('a*b*c')('aXbYbZc')).toBe(true);
    expect(compileGlob('a*b*c')('aXbYbZ')).toBe(false);
  });
});

describe('escaped globs (used after policy-variable substitution)', () => {
  it('the runtime matcher agrees with the reference', () => {
    fc.assert(
      fc.property(patternAndCandidate, ([p, c]) => {
        expect(matchEscapedGlob(p, c)).toBe(referenceMatch(tokenizeEscaped(p), c));
      }),
      { numRuns: 3000 },
    );
  });
  it('the compiled form agrees with the runtime form', () => {
    fc.assert(
      fc.property(patternAndCandidate, ([p, c]) => {
        expect(compileEscapedGlob(p)(c)).toBe(matchEscapedGlob(p, c));
      }),
      { numRuns: 3000 },
    );
  });
  it('escapeGlobLiteral makes any text match exactly itself', () => {
    fc.assert(
      fc.property(candidate, candidate, (text, other) => {
        const escaped = escapeGlobLiteral(text);
        expect(matchEscapedGlob(escaped, text)).toBe(true);
        expect(matchEscapedGlob(escaped, other)).toBe(text === other);
      }),
      { numRuns: 2000 },
    );
  });
  it('escapeGlobText keeps wildcards: it matches like the plain glob', () => {
    fc.assert(
      fc.property(patternAndCandidate, ([p, c]) => {
        expect(matchEscapedGlob(escapeGlobText(p), c)).toBe(compileGlob(p)(c));
      }),
      { numRuns: 2000 },
    );
  });
});

// Long patterns and candidates: chunks holding `?` beyond the plain-scan budget go through the bit-parallel search
// (several 32-bit words for chunks over 32 characters). The reference here is the classic dynamic-programming table,
// which is obviously correct and fast enough on a few hundred characters.
function dynamicProgrammingGlob(pattern: string, candidate: string): boolean {
  let row = new Array<boolean>(candidate.length + 1).fill(false);
  row[0] = true;
  for (const ch of pattern) {
    const next = new Array<boolean>(candidate.length + 1).fill(false);
    if (ch === '*') {
      next[0] = row[0];
      for (let j = 1; j <= candidate.length; j++) next[j] = row[j] || next[j - 1];
    } else {
      for (let j = 1; j <= candidate.length; j++) next[j] = row[j - 1] && (ch === '?' || ch === candidate[j - 1]);
    }
    row = next;
  }
  return row[candidate.length];
}

describe('long patterns (bit-parallel search)', () => {
  const piece = fc.array(fc.constantFrom('a', 'b', '?', 'é'), { minLength: 1, maxLength: 70, size: 'max' }).map((chars) => chars.join(''));
  const longPattern = fc.array(piece, { minLength: 1, maxLength: 5 }).map((pieces) => `*${pieces.join('*')}*`);
  const longCandidate = fc.array(fc.constantFrom('a', 'b', 'é'), { minLength: 0, maxLength: 400, size: 'max' }).map((chars) => chars.join(''));
  const embedded = fc.tuple(longPattern, longCandidate, longCandidate).map(([p, before, after]) => {
    // Fill the pattern's wildcards so that it matches in the middle of a long candidate.
    const filled = p.replace(/\*/g, '').replace(/\?/g, 'b');
    return [p, `${before}${filled}${after}`] as const;
  });

  it('agrees with a dynamic-programming matcher', () => {
    fc.assert(
      fc.property(fc.oneof(fc.tuple(longPattern, longCandidate), embedded), ([p, c]) => {
        expect(compileGlob(p)(c)).toBe(dynamicProgrammingGlob(p, c));
        expect(matchEscapedGlob(p, c)).toBe(dynamicProgrammingGlob(p, c));
      }),
      { numRuns: 400 },
    );
  });
  it('examples across word boundaries', () => {
    const chunk = `${'a'.repeat(40)}?${'b'.repeat(30)}`;
    expect(compileGlob(`*${chunk}*`)(`${'a'.repeat(300)}X${'b'.repeat(30)}c`)).toBe(true);
    expect(compileGlob(`*${chunk}*`)(`${'a'.repeat(300)}X${'b'.repeat(29)}`)).toBe(false);
    expect(compileGlob(`x*${chunk}*y`)(`x${'a'.repeat(300)}${'b'.repeat(31)}y`)).toBe(true);
  });
});

describe('adversarial patterns stay linear', () => {
  // The patterns that made a backtracking RegExp take seconds (issue 14, "One request freezes the server"). A
  // functional check only: the figures are printed by test/bench/wildcard-bench.ts.
  it('answers', () => {
    const resource = `arn:aws:s3:::${'a'.repeat(2000)}`;
    expect(compileGlob(`${'*?'.repeat(12)}b`)(resource)).toBe(false);
    expect(compileGlob(`${'*?'.repeat(12)}a`)(resource)).toBe(true);
    expect(compileGlob(`*${'a?'.repeat(400)}b*`)(resource)).toBe(false);
  });
});
