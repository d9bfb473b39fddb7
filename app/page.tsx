import { DesignsView } from '@/components/designs/designs-view';
import { requireReader } from './_trpc/access-guard';
import { getQueryClient, HydrateClient, trpc } from './_trpc/server';

// The list comes from the database at request time.
export const dynamic = 'force-dynamic';

/** `/`: every design, server-rendered, with the form to create one. */
export default async function DesignsPage() {
  await requireReader('/');
  await getQueryClient().prefetchQuery(trpc.design.list.queryOptions());
  return (
    <>
      <div className="page-heading">
        <h1>Landing zone designs</h1>
        <p className="muted">
          Each design is an AWS Organization on paper: its OUs, accounts and policies, checked before anything is
          deployed.
        </p>
      </div>
      <HydrateClient>
        <DesignsView />
      </HydrateClient>
    </>
  );
}
