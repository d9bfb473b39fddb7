import 'server-only';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { requireReader } from '../../_trpc/access-guard';
import { getQueryClient, trpc } from '../../_trpc/server';

/**
 * Loads the design into the request's query cache, or answers 404 (also for a design the caller has no role on):
 * for a design's pages and their titles. With sign-in on, an anonymous browser goes to the sign-in page first.
 * The caller's role goes into the cache too, so every page's edit controls know at first paint whether they are
 * locked (components/sharing/use-edit-lock.ts).
 */
export async function loadDesign(designId: string) {
  await requireReader(`/designs/${encodeURIComponent(designId)}`);
  try {
    const [design] = await Promise.all([
      getQueryClient().fetchQuery(trpc.design.get.queryOptions({ designId })),
      getQueryClient().fetchQuery(trpc.auth.designRole.queryOptions({ designId })),
    ]);
    return design;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
}
