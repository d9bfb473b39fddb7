import 'server-only';

import type { TagDto } from './dto';
import type { S3PublicAccessBlock } from '../engine/types';

// JSON columns are validated when read: a row written by an older version or by hand must fail loudly here,
// not deep inside the engine.

/** Reads a Json tags column ([{ key, value }]); throws naming the owner when the shape is wrong. */
export function parseTags(value: unknown, owner: string): TagDto[] {
  if (!Array.isArray(value)) throw new Error(`Tags of ${owner} are not a JSON array.`);
  return value.map((tag, index) => {
    if (
      typeof tag !== 'object' || tag === null ||
      typeof (tag as Record<string, unknown>).key !== 'string' ||
      typeof (tag as Record<string, unknown>).value !== 'string'
    ) {
      throw new Error(`Tag ${index} of ${owner} is not an object with string "key" and "value".`);
    }
    const { key, value: tagValue } = tag as { key: string; value: string };
    return { key, value: tagValue };
  });
}

/** Reads a Json column holding a list of objects kept verbatim (an IAM role's InstanceProfileList). */
export function parseObjectList(value: unknown, owner: string): Record<string, unknown>[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item))) {
    throw new Error(`${owner} is not a JSON array of objects.`);
  }
  return value as Record<string, unknown>[];
}

/** Tags as stored in a Json column. */
export function tagsToJson(tags: readonly TagDto[]): { key: string; value: string }[] {
  return tags.map(({ key, value }) => ({ key, value }));
}

/** Stored S3 Block Public Access settings (a JSON column): the four booleans, or null when none are set. */
export function parsePublicAccessBlock(value: unknown, owner: string): S3PublicAccessBlock | null {
  if (value === null || value === undefined) return null;
  const settings = value as Record<string, unknown>;
  const names = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;
  if (typeof value !== 'object' || names.some((name) => typeof settings[name] !== 'boolean')) {
    throw new Error(`The Block Public Access settings of ${owner} are not an object of four booleans (${names.join(', ')}).`);
  }
  return { blockPublicAcls: settings.blockPublicAcls as boolean, ignorePublicAcls: settings.ignorePublicAcls as boolean, blockPublicPolicy: settings.blockPublicPolicy as boolean, restrictPublicBuckets: settings.restrictPublicBuckets as boolean };
}
