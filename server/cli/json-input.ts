// Reading the JSON files CLI commands take (bundles, request files): "file://PATH" as the AWS CLI writes it, "-" for
// standard input, and every failure as one CliError line naming the file (and the JSON path for shape errors).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { completeAwsManagedPolicies } from '../catalog/aws-managed-policy-source';
import { bundleToWorldLoadingCatalogue } from '../engine/aws/bundle/load-catalogue';
import type { InputError } from '../engine/aws/json-checks';
import type { World } from '../engine/types';
import { stripByteOrderMark } from '../schemas/text-checks';
import { CliError, describeFsError } from './cli-error';
import type { CliIo } from './command';

/** The path of a file argument, without the AWS CLI's "file://" prefix. */
export function stripFileScheme(argument: string): string {
  return argument.startsWith('file://') ? argument.slice('file://'.length) : argument;
}

/** The file as messages name it ("<stdin>" for "-"). */
export function fileLabel(file: string): string {
  return file === '-' ? '<stdin>' : file;
}

/** Read a text file (or standard input for "-"), without a UTF-8 byte order mark (Windows editors write one). */
export async function readTextFile(file: string, io: CliIo): Promise<string> {
  if (file === '-') return stripByteOrderMark(await io.readStdin());
  try {
    return stripByteOrderMark(await readFile(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    throw new CliError(`${file}: cannot read file: ${describeFsError(error)}`);
  }
}

/** Read and parse a JSON file (or standard input for "-"). */
export async function readJsonFile(file: string, io: CliIo): Promise<unknown> {
  const text = await readTextFile(file, io);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new CliError(`${fileLabel(file)}: not valid JSON: ${(error as Error).message}`);
  }
}

/** One line for the first shape error of an input file, with how many more there are. */
export function inputError(file: string, errors: readonly InputError[]): CliError {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more problem${errors.length === 2 ? '' : 's'})` : '';
  return new CliError(`${fileLabel(file)}: ${first.path}: ${first.message}${more}`);
}

/** Read an AWS export bundle into the engine's World; warnings are returned for the caller to print after success. */
export async function readBundleWorld(argument: string, io: CliIo): Promise<{ file: string; world: World; warnings: string[] }> {
  const file = stripFileScheme(argument);
  const { bundle, notes } = completeAwsManagedPolicies(await readJsonFile(file, io));
  const result = await bundleToWorldLoadingCatalogue(bundle);
  if (!result.ok) throw inputError(file, result.errors);
  return { file, world: result.world, warnings: [...notes, ...result.warnings] };
}
