import type { Metadata } from 'next';
import { EditorShell } from '@/components/editor/editor-shell';
import { getQueryClient, HydrateClient, trpc } from '../../_trpc/server';
import { loadDesign } from './load-design';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

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
