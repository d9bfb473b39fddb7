import type { Metadata } from 'next';
import { OrgHeatmapView } from '@/components/matrix/org-heatmap-view';
import { HydrateClient } from '../../../_trpc/server';
import { loadDesign } from '../load-design';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const design = await loadDesign((await params).id);
  return { title: `Permission matrix · ${design.name}` };
}

/** `/designs/[id]/matrix`: the org-wide permission matrix (accounts or OUs × services) and the what-if preview. */
export default async function DesignMatrixPage({ params }: Params) {
  const designId = (await params).id;
  await loadDesign(designId);
  return (
    <HydrateClient>
      <OrgHeatmapView designId={designId} />
    </HydrateClient>
  );
}
