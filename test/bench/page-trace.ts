// A Chromium performance trace of a page (what DevTools' Performance panel records), for the UI benchmark's
// LZSIM_BENCH_TRACE=1: the raw trace is saved to open in DevTools, and a summary says, for each long main-thread
// task, what it spent its time on (script by function, style, layout, paint), so that a slow step can be blamed on
// the right code before anything is changed.
import { writeFileSync } from 'node:fs';
import type { CDPSession } from 'playwright-core';

/** The categories DevTools records: the task tree (timeline) and the JavaScript sampling profiler. */
const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'loading',
  'disabled-by-default-v8.cpu_profiler',
].join(',');

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: Record<string, unknown> };
}

/** Starts a trace on the session; the returned function stops it and resolves with its events. */
export async function startTrace(session: CDPSession): Promise<() => Promise<TraceEvent[]>> {
  await session.send('Tracing.start', { categories: CATEGORIES, transferMode: 'ReturnAsStream' });
  return async () => {
    const complete = new Promise<string>((resolve) =>
      session.once('Tracing.tracingComplete', (event: { stream?: string }) => resolve(event.stream ?? '')),
    );
    await session.send('Tracing.end');
    const stream = await complete;
    let text = '';
    for (;;) {
      const chunk = await session.send('IO.read', { handle: stream });
      text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
      if (chunk.eof) break;
    }
    await session.send('IO.close', { handle: stream });
    const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    return Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
  };
}

/** Writes the trace as DevTools loads it. */
export function saveTrace(file: string, events: TraceEvent[]): void {
  writeFileSync(file, JSON.stringify({ traceEvents: events }));
}

/** The renderer main thread: the thread named CrRendererMain of the process that ran the most script. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  const candidates = events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  let best: { pid: number; tid: number } | null = null;
  let bestTime = -1;
  for (const candidate of candidates) {
    const time = events
      .filter((event) => event.pid === candidate.pid && event.tid === candidate.tid && event.ph === 'X' && (event.name === 'FunctionCall' || event.name === 'EvaluateScript' || event.name === 'v8.callFunction'))
      .reduce((sum, event) => sum + (event.dur ?? 0), 0);
    if (time > bestTime) [best, bestTime] = [{ pid: candidate.pid, tid: candidate.tid }, time];
  }
  return best;
}

/** JavaScript samples of the main thread's profile: [trace time in µs, the sampled function's label]. */
function samplesOf(events: TraceEvent[], pid: number, tid: number): [number, string][] {
  const labels = new Map<number, string>();
  const samples: [number, string][] = [];
  const profiles = new Map<string, number>(); // profile id → time of the last sample
  // The thread's profile is announced on the thread; its chunks come from the profiler's own thread, by id.
  for (const event of events) {
    if (event.pid !== pid || (event.name !== 'ProfileChunk' && event.tid !== tid)) continue;
    if (event.name === 'ProfileChunk' && (event.id === undefined || !profiles.has(event.id))) continue;
    const data = event.args?.data as
      | { startTime?: number; cpuProfile?: { nodes?: { id: number; callFrame: { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number } }[]; samples?: number[] }; timeDeltas?: number[] }
      | undefined;
    if (event.name === 'Profile' && event.id !== undefined) profiles.set(event.id, data?.startTime ?? event.ts);
    if (event.name !== 'ProfileChunk' || event.id === undefined || !data) continue;
    for (const node of data.cpuProfile?.nodes ?? []) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      // Line and column: the production chunks are minified, so the place in the chunk is what finds the code.
      const file = (url ?? '').split('/').pop() ?? '';
      labels.set(node.id, `${functionName || '(anonymous)'} ${file}${file ? `:${(lineNumber ?? 0) + 1}:${(columnNumber ?? 0) + 1}` : ''}`.trim());
    }
    let at = profiles.get(event.id) ?? event.ts;
    (data.cpuProfile?.samples ?? []).forEach((node, index) => {
      at += data.timeDeltas?.[index] ?? 0;
      samples.push([at, labels.get(node) ?? `node ${node}`]);
    });
    profiles.set(event.id, at);
  }
  return samples;
}

/** What each main-thread task over `threshold` ms spent its time on, longest first; lines ready to print. */
export function summariseLongTasks(events: TraceEvent[], threshold = 30, top = 6): string[] {
  const thread = mainThread(events);
  if (!thread) return ['  (no renderer main thread in the trace)'];
  const own = events.filter((event) => event.pid === thread.pid && event.tid === thread.tid && event.ph === 'X');
  // The profiler's start blocks the thread for a while (it logs every compiled function): not the page's work.
  const profilerStart = own.filter((event) => event.name === 'V8.InvokeApiInterruptCallbacks' && (event.dur ?? 0) >= threshold * 1000);
  const tasks = own
    .filter((event) => event.name === 'RunTask' && (event.dur ?? 0) >= threshold * 1000)
    .filter((task) => !profilerStart.some((start) => start.ts >= task.ts && start.ts < task.ts + (task.dur ?? 0)))
    .sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0));
  const samples = samplesOf(events, thread.pid, thread.tid);
  const lines: string[] = [];
  for (const task of tasks.slice(0, top)) {
    const end = task.ts + (task.dur ?? 0);
    const inside = own.filter((event) => event !== task && event.ts >= task.ts && event.ts < end);
    const byName = new Map<string, number>();
    for (const name of ['UpdateLayoutTree', 'Layout', 'Paint', 'PrePaint', 'Layerize', 'Commit', 'HitTest', 'ParseHTML', 'EvaluateScript', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'ResourceReceivedData']) {
      const total = inside.filter((event) => event.name === name).reduce((sum, event) => sum + (event.dur ?? 0), 0);
      if (total >= 1000) byName.set(name, total);
    }
    const functions = new Map<string, number>();
    const inTask = samples.filter(([at]) => at >= task.ts && at < end);
    for (let i = 0; i < inTask.length; i++) {
      const next = i + 1 < inTask.length ? inTask[i + 1][0] : end;
      functions.set(inTask[i][1], (functions.get(inTask[i][1]) ?? 0) + Math.min(next - inTask[i][0], 2000));
    }
    const ms = (us: number) => (us / 1000).toFixed(1);
    lines.push(`  task of ${ms(task.dur ?? 0)} ms at ${ms(task.ts)} ms: ${[...byName].map(([name, total]) => `${name} ${ms(total)}`).join(', ')}`);
    const hot = [...functions].filter(([name]) => name !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, 8);
    if (hot.length > 0) lines.push(`    self time: ${hot.map(([name, total]) => `${name} ${ms(total)}`).join('; ')}`);
  }
  return lines.length > 0 ? lines : [`  no main-thread task of ${threshold} ms or more`];
}
