import type { Metadata } from 'next';
import { DesignQuotasView } from '@/components/quotas/design-quotas-view';
import { getQueryClient, HydrateClient, trpc } from '../../../_trpc/server';
import { loadDesign } from '../load-design';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const design = await loadDesign((await params).id);
  return { title: `Quotas · ${design.name}` };
}

/** `/designs/[id]/quotas`: the design's quotas (AWS default, value in force, use) and the root's policy types. */
export default async function DesignQuotasPage({ params }: Params) {
  const designId = (await params).id;
  await loadDesign(designId);
  await getQueryClient().prefetchQuery(trpc.organization.quotas.queryOptions({ designId }));
  return (
    <HydrateClient>
      <DesignQuotasView designId={designId} />
    </HydrateClient>
  );
}
