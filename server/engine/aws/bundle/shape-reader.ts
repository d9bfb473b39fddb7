// Shape checks for the AWS CLI's JSON, each failure recorded with its JSONPath. The engine stays free of zod, and
// people importing a real export need the exact path of what is wrong.
import type { Tag } from '../../types';
import { decodePolicyText, isUrlEncodedPolicy } from '../../policy/decode';
import { describe, isPlainObject } from '../json-checks';
import type { ProblemCollector } from './problems';

/** A JSON object of the input. */
export type Json = Record<string, unknown>;

/** Reads values of the expected shapes, recording a problem for each one that is not. */
export class ShapeReader {
  constructor(readonly problems: ProblemCollector) {}

  /** The value as an object, or undefined after recording a problem. */
  object(value: unknown, path: string): Json | undefined {
    if (isPlainObject(value)) return value;
    this.problems.add(path, `expected an object, got ${describe(value)}`);
    return undefined;
  }

  /** The value as an array; absent gives [] (a problem too when required). */
  array(value: unknown, path: string, required = false): unknown[] {
    if (value === undefined || value === null) {
      if (required) this.problems.add(path, 'is required');
      return [];
    }
    if (Array.isArray(value)) return value;
    this.problems.add(path, `expected an array, got ${describe(value)}`);
    return [];
  }

  /** A required non-empty string. */
  string(value: unknown, path: string): string | undefined {
    if (typeof value === 'string' && value.length > 0) return value;
    this.problems.add(path, value === undefined ? 'is required' : `expected a non-empty string, got ${describe(value)}`);
    return undefined;
  }

  /** An optional string: undefined when absent, a problem when present with another type. */
  optionalString(value: unknown, path: string): string | undefined {
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    this.problems.add(path, `expected a string, got ${describe(value)}`);
    return undefined;
  }

  /** A required identifier matching an AWS API pattern. */
  id(value: unknown, path: string, pattern: RegExp, what: string): string | undefined {
    const text = this.string(value, path);
    if (text !== undefined && !pattern.test(text)) {
      this.problems.add(path, `"${text}" is not a valid ${what} (pattern ${pattern.source})`);
      return undefined;
    }
    return text;
  }

  /**
   * An optional timestamp as ISO 8601. The AWS CLI prints "2019-08-16T17:27:59+00:00", Python tools (boto3 dumps,
   * cloudsplaining) "2019-08-16 17:27:59+00:00", raw API output epoch seconds: all are read.
   */
  timestamp(value: unknown, path: string): string | null {
    if (value === undefined || value === null) return null;
    if (typeof value === 'number' && Number.isFinite(value)) return new Date(value * 1000).toISOString();
    if (typeof value === 'string') {
      const time = Date.parse(value.replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
      if (!Number.isNaN(time)) return new Date(time).toISOString();
    }
    this.problems.add(path, `${describe(value)} is not a timestamp`);
    return null;
  }

  /** A Tags list; keys must be unique. */
  tags(value: unknown, path: string): Tag[] {
    const tags: Tag[] = [];
    const keys = new Set<string>();
    this.array(value, path).forEach((entry, i) => {
      const item = this.object(entry, `${path}[${i}]`);
      if (!item) return;
      const key = this.string(item.Key, `${path}[${i}].Key`);
      const tagValue = typeof item.Value === 'string' ? item.Value : this.string(item.Value, `${path}[${i}].Value`);
      if (key === undefined || tagValue === undefined) return;
      if (keys.has(key)) this.problems.add(`${path}[${i}].Key`, `duplicate tag key "${key}"`, 'InvalidInputException');
      keys.add(key);
      tags.push({ key, value: tagValue });
    });
    return tags;
  }

  /** A policy document as JSON text: objects are serialised, URL-encoded text (raw IAM API output) is decoded. */
  document(value: unknown, path: string): string | undefined {
    if (isPlainObject(value)) return JSON.stringify(value);
    if (typeof value !== 'string' || value.trim().length === 0) {
      this.problems.add(path, 'expected a policy document (a JSON object, JSON text or URL-encoded JSON text)', 'MalformedPolicyDocumentException');
      return undefined;
    }
    if (value.trim().startsWith('{')) return value;
    if (!isUrlEncodedPolicy(value)) {
      this.problems.add(path, 'is neither a JSON object nor URL-encoded JSON text', 'MalformedPolicyDocumentException');
      return undefined;
    }
    try {
      return decodePolicyText(value);
    } catch (error) {
      this.problems.add(path, (error as Error).message, 'MalformedPolicyDocumentException');
      return undefined;
    }
  }
}
