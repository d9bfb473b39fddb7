// The page's side of a diagram export: posts the job (plain data) to a fresh export worker and waits for the file.
// The main thread only copies the job into the message and receives a Blob; the layout and the writing happen in
// the worker. One worker per export, ended when it answers: exports are rare, and it frees the worker's memory.
import type { DiagramJob } from './diagram-job';
import type { DiagramJobReply } from './diagram-export.worker';

/** Runs one export in a worker; rejects with the worker's error message, or says the worker itself failed. */
export function runDiagramJob(job: DiagramJob): Promise<Blob> {
  const worker = new Worker(new URL('./diagram-export.worker.ts', import.meta.url), { type: 'module', name: 'diagram-export' });
  return new Promise<Blob>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<DiagramJobReply>) => {
      if (event.data.ok) resolve(event.data.blob);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error(`The export could not run in the background: ${event.message || 'the export worker failed to start'}.`));
    };
    worker.onmessageerror = () => reject(new Error('The export worker answered with something the page could not read.'));
    worker.postMessage(job);
  }).finally(() => worker.terminate());
}
