import type { Metadata } from 'next';
import { ControlTowerView } from '@/components/control-tower/control-tower-view';
import { getQueryClient, HydrateClient, trpc } from '../../../_trpc/server';
import { loadDesign } from '../load-design';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const design = await loadDesign((await params).id);
  return { title: `Control Tower · ${design.name}` };
}

/** `/designs/[id]/control-tower`: the landing zone, its controls, compliance and drift. */
export default async function ControlTowerPage({ params }: Params) {
  const designId = (await params).id;
  await loadDesign(designId);
  await Promise.all([
    getQueryClient().prefetchQuery(trpc.controlTower.landingZone.queryOptions({ designId })),
    getQueryClient().prefetchQuery(trpc.controlTower.governance.queryOptions({ designId })),
  ]);
  return (
    <HydrateClient>
      <ControlTowerView designId={designId} />
    </HydrateClient>
  );
}
