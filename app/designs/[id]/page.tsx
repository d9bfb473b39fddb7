import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { EditorShell } from '@/components/editor/editor-shell';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

/** Loads the design or answers 404, for both the page and its title. */
async function loadDesign(designId: string) {
  try {
    return await getQueryClient().fetchQuery(trpc.design.get.queryOptions({ designId }));
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const design = await loadDesign((await params).id);
  return { title: design.name };
}

/** `/designs/[id]`: the design editor. The tree is prefetched so the canvas draws without a client fetch. */
export default async function DesignPage({ params }: Params) {
  const designId = (await params).id;
  const design = await loadDesign(designId);
  await getQueryClient().prefetchQuery(trpc.org.tree.queryOptions({ designId }));

  return (
    <HydrateClient>
      <EditorShell designId={designId} designName={design.name} revision={design.revision} />
    </HydrateClient>
  );
}
