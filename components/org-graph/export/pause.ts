// Cooperative slicing for exports that run on the page's main thread: long loops call the pause now and then, and
// it gives the browser a turn (input, paint) once the current slice has run for its budget. A whole-tree export
// of 6,001 cards is half a second of work; in slices no task freezes the page for long. Pure: timers only.

/** Awaited now and then by a long loop; resolves at once unless the slice's budget is spent. */
export type Pause = () => Promise<void>;

/** A pause that yields to the event loop (a macrotask) after `budgetMs` of work since the last yield. */
export function slicePause(budgetMs = 40): Pause {
  let sliceStart = performance.now();
  return async () => {
    if (performance.now() - sliceStart < budgetMs) return;
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    sliceStart = performance.now();
  };
}

/** The pause that never yields (synchronous callers and tests). */
export const noPause: Pause = () => Promise.resolve();
