// The export worker: writes a diagram (layout, model, SVG/PDF/draw.io/Mermaid) off the page's main thread, so a
// 6,001-card export never freezes the page. It receives one DiagramJob and answers with the file as a Blob, or
// with the error's message. Bundled by Next from `new Worker(new URL(...), { type: 'module' })`; the CSP's
// worker-src 'self' allows it (server/http/request-guard.ts).
import { writeDiagram, type DiagramJob } from './diagram-job';

/** What the worker answers: the written file, or why it could not be written. */
export type DiagramJobReply = { ok: true; blob: Blob } | { ok: false; message: string };

self.onmessage = async (event: MessageEvent<DiagramJob>) => {
  let reply: DiagramJobReply;
  try {
    reply = { ok: true, blob: await writeDiagram(event.data) };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(reply);
};
