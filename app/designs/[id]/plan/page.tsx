import type { Metadata } from 'next';
import { MigrationPlanView } from '@/components/plan/migration-plan-view';
import { HydrateClient } from '../../../_trpc/server';
import { loadDesign } from '../load-design';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const design = await loadDesign((await params).id);
  return { title: `Migration plan · ${design.name}` };
}

/** `/designs/[id]/plan`: the ordered AWS calls that turn a live organization (an imported design) into this design. */
export default async function DesignPlanPage({ params }: Params) {
  const designId = (await params).id;
  const design = await loadDesign(designId);
  return (
    <HydrateClient>
      <MigrationPlanView designId={designId} designName={design.name} />
    </HydrateClient>
  );
}
