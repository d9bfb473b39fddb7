// The principal tags of a role session (IAM User Guide, id_session-tags.html): the role's own tags, overridden by
// the transitive session tags inherited through a role chain, overridden by the session tags passed to the
// AssumeRole call that created the session. Keys compare case-insensitively. Passing a session tag with the key of an
// inherited transitive tag makes AssumeRole fail, and so do more than 50 tags, keys over 128 characters or values
// over 256: those are input errors here, with the hop they happen at.

import type { RoleChainHop, Tag } from '../types';

/** AssumeRole's limits on session tags (id_session-tags.html, "Session tagging operations"). */
export const SESSION_TAG_LIMITS = Object.freeze({ maxTags: 50, maxKeyLength: 128, maxValueLength: 256 });

/** A session tag with where it comes from. */
export interface SessionTag extends Tag {
  /** The index of the role-chain hop that set it as transitive, or undefined for a tag passed to this session's AssumeRole. */
  transitiveFrom?: number;
}

/** The session's tags, or why the AssumeRole calls that would create it fail. */
export type SessionTagsResult =
  | { ok: true; tags: SessionTag[] }
  | { ok: false; hop: number | 'session'; field: 'Tags' | 'TransitiveTagKeys'; message: string };

/** Resolve a session's tags from the tags passed to its AssumeRole call and the earlier calls of its role chain. */
export function resolveSessionTags(sessionTags: readonly Tag[] = [], chain: readonly RoleChainHop[] = []): SessionTagsResult {
  const inherited = new Map<string, SessionTag>();
  for (let hop = 0; hop < chain.length; hop++) {
    const problem = checkCall(chain[hop].tags, inherited);
    if (problem) return { ok: false, hop, field: 'Tags', message: problem };
    if (chain[hop].transitiveTagKeys.length > SESSION_TAG_LIMITS.maxTags) {
      return { ok: false, hop, field: 'TransitiveTagKeys', message: `AssumeRole accepts at most ${SESSION_TAG_LIMITS.maxTags} transitive tag keys` };
    }
    for (const key of chain[hop].transitiveTagKeys) {
      const tag = chain[hop].tags.find((candidate) => candidate.key.toLowerCase() === key.toLowerCase());
      if (!tag) return { ok: false, hop, field: 'TransitiveTagKeys', message: `"${key}" is not the key of a session tag passed in the same call` };
      inherited.set(tag.key.toLowerCase(), { key: tag.key, value: tag.value, transitiveFrom: hop });
    }
  }
  const problem = checkCall(sessionTags, inherited);
  if (problem) return { ok: false, hop: 'session', field: 'Tags', message: problem };
  return { ok: true, tags: [...inherited.values(), ...sessionTags.map((tag) => ({ key: tag.key, value: tag.value }))] };
}

/** Why one AssumeRole call's Tags would fail, or undefined. */
function checkCall(tags: readonly Tag[], inherited: ReadonlyMap<string, SessionTag>): string | undefined {
  if (tags.length > SESSION_TAG_LIMITS.maxTags) return `AssumeRole accepts at most ${SESSION_TAG_LIMITS.maxTags} session tags, got ${tags.length}`;
  const seen = new Set<string>();
  for (const tag of tags) {
    if (tag.key.length === 0 || tag.key.length > SESSION_TAG_LIMITS.maxKeyLength) return `tag key "${tag.key}" must be 1 to ${SESSION_TAG_LIMITS.maxKeyLength} characters`;
    if (tag.value.length > SESSION_TAG_LIMITS.maxValueLength) return `the value of tag "${tag.key}" is longer than ${SESSION_TAG_LIMITS.maxValueLength} characters`;
    const lower = tag.key.toLowerCase();
    if (seen.has(lower)) return `tag key "${tag.key}" is given twice (tag keys are not case sensitive)`;
    seen.add(lower);
    const earlier = inherited.get(lower);
    if (earlier) {
      return `AssumeRole fails: session tag "${tag.key}" has the key of the transitive tag "${earlier.key}" inherited from role chain hop ${earlier.transitiveFrom}`;
    }
  }
  return undefined;
}
