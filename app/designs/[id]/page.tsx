import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { DesignStats } from '@/components/designs/design-stats';
import { OrgGraphPanel } from '@/components/org-graph/org-graph-panel';
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

/** `/designs/[id]`: one design's organization tree, read-only. */
export default async function DesignPage({ params }: Params) {
  const designId = (await params).id;
  const design = await loadDesign(designId);
  await getQueryClient().prefetchQuery(trpc.org.tree.queryOptions({ designId }));

  return (
    <div className="design-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Designs</Link>
        <span aria-hidden="true">/</span>
        <span aria-current="page">{design.name}</span>
      </nav>
      <HydrateClient>
        <div className="page-heading page-heading--row">
          <div>
            <h1>{design.name}</h1>
            {design.description ? <p className="muted">{design.description}</p> : null}
          </div>
          <DesignStats designId={designId} revision={design.revision} />
        </div>
        <section className="card card--flush graph-card" aria-label="Organization tree">
          <OrgGraphPanel designId={designId} designName={design.name} />
        </section>
      </HydrateClient>
    </div>
  );
}
