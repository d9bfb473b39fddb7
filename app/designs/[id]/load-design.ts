import 'server-only';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { getQueryClient, trpc } from '../../_trpc/server';

/** Loads the design into the request's query cache, or answers 404: for a design's pages and their titles. */
export async function loadDesign(designId: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.design.get.queryOptions({ designId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
}
