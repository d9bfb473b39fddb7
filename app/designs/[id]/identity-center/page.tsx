import type { Metadata } from 'next';
import { IdentityCenterView } from '@/components/identity-center/identity-center-view';
import { getQueryClient, HydrateClient, trpc } from '../../../_trpc/server';
import { loadDesign } from '../load-design';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const design = await loadDesign((await params).id);
  return { title: `IAM Identity Center · ${design.name}` };
}

/** `/designs/[id]/identity-center`: the organization's IAM Identity Center instance, its permission sets and assignments. */
export default async function IdentityCenterPage({ params }: Params) {
  const designId = (await params).id;
  await loadDesign(designId);
  const queryClient = getQueryClient();
  await Promise.all([
    queryClient.prefetchQuery(trpc.identityCenter.view.queryOptions({ designId })),
    queryClient.prefetchQuery(trpc.auth.designRole.queryOptions({ designId })),
    queryClient.prefetchQuery(trpc.org.tree.queryOptions({ designId })),
  ]);
  return (
    <HydrateClient>
      <IdentityCenterView designId={designId} />
    </HydrateClient>
  );
}
