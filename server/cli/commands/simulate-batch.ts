// `lzsim simulate --batch FILE`: many simulate-principal-policy inputs in one call, as JSON Lines (one input per
// line), against one compiled bundle. Each line gets one output line, in order: its EvaluationResults, or an Error
// naming the line. A bad line never stops the others.
import { callerArnRequiredError, simulateInputToRequests, unknownPrincipalPath } from '../../engine/aws/simulate-input';
import { evaluate } from '../../engine/evaluate/evaluate';
import { toEvaluationResults, type AwsSimulateResponse } from '../../engine/aws/results';
import { UnknownPrincipalError } from '../../engine/world/errors';
import type { AuthzRequest, EvaluationResult } from '../../engine/types';
import type { CompiledWorld } from '../../engine/world/compile-world';
import { inputError } from '../json-input';

/** One output line: the line number (1-based) and either its results or its error (IAM's error codes). */
export type BatchLineResult =
  | ({ Line: number } & AwsSimulateResponse)
  | { Line: number; Error: { Code: 'InvalidInput' | 'NoSuchEntity'; Message: string } };

/** Evaluate every non-blank line of a JSON Lines text; `source` names the file in error messages. */
export function simulateBatchLines(world: CompiledWorld, text: string, source: string): BatchLineResult[] {
  const results: BatchLineResult[] = [];
  // A UTF-8 byte order mark before the first line is not part of its JSON.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    results.push(simulateLine(world, line, index + 1, source));
  });
  return results;
}

function simulateLine(world: CompiledWorld, line: string, number: number, source: string): BatchLineResult {
  const where = `${source} line ${number}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line) as unknown;
  } catch (error) {
    return { Line: number, Error: { Code: 'InvalidInput', Message: `${where}: not valid JSON: ${(error as Error).message}` } };
  }
  const input = simulateInputToRequests(parsed);
  if (!input.ok) {
    return { Line: number, Error: { Code: 'InvalidInput', Message: inputError(where, input.errors).message } };
  }
  const callerMissing = callerArnRequiredError(world, input);
  if (callerMissing) return { Line: number, Error: { Code: 'InvalidInput', Message: inputError(where, [callerMissing]).message } };
  const evaluated: { request: AuthzRequest; result: EvaluationResult }[] = [];
  for (const request of input.requests) {
    try {
      evaluated.push({ request, result: evaluate(world, request) });
    } catch (error) {
      if (error instanceof UnknownPrincipalError) {
        return { Line: number, Error: { Code: 'NoSuchEntity', Message: `${where}: ${unknownPrincipalPath(request, error)}: ${error.message}` } };
      }
      throw error;
    }
  }
  return { Line: number, ...toEvaluationResults(evaluated) };
}
