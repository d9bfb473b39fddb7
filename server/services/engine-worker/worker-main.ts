// Entry point of an engine worker thread (bundled to dist/node/engine-worker.mjs by scripts/build-bundles.mjs).
// It keeps the compiled worlds of the designs it worked on, one revision each, and recompiles from the previous
// revision's compiled world when a newer one arrives, as the request thread's cache does.
import 'server-only';

import { parentPort } from 'node:worker_threads';
import { compileWorld, type CompiledWorld } from '../../engine';
import { runEngineTask, WORLD_MISSING, type EngineTaskMessage } from './engine-tasks';
import type { WorkerReply } from './worker-pool';

/** Designs kept compiled per worker; the request thread resends a world this worker no longer holds. */
export const WORKER_WORLD_CACHE_SIZE = 4;

const worlds = new Map<string, { revision: number; compiled: CompiledWorld }>();

function compiledFor(message: EngineTaskMessage): CompiledWorld | undefined {
  const cached = worlds.get(message.designId);
  if (cached && cached.revision === message.revision) {
    worlds.delete(message.designId);
    worlds.set(message.designId, cached);
    return cached.compiled;
  }
  if (!message.world) return undefined;
  const compiled = compileWorld(message.world, cached?.compiled);
  worlds.delete(message.designId);
  worlds.set(message.designId, { revision: message.revision, compiled });
  while (worlds.size > WORKER_WORLD_CACHE_SIZE) worlds.delete(worlds.keys().next().value as string);
  return compiled;
}

function handle(id: number, message: EngineTaskMessage): WorkerReply {
  try {
    const compiled = compiledFor(message);
    if (!compiled) return { id, ok: false, error: { name: 'Error', message: `No world for design ${message.designId} at revision ${message.revision}.`, code: WORLD_MISSING } };
    return { id, ok: true, value: runEngineTask({ designId: message.designId, revision: message.revision, compiled }, message.task) };
  } catch (error) {
    const { name, message: text } = error instanceof Error ? error : { name: 'Error', message: String(error) };
    const code = typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
    return { id, ok: false, error: { name, message: text, ...(code ? { code } : {}) } };
  }
}

parentPort?.on('message', ({ id, message }: { id: number; message: EngineTaskMessage }) => {
  parentPort?.postMessage(handle(id, message));
});
