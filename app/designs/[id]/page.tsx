import type { Metadata } from 'next';
import { EditorShell } from '@/components/editor/editor-shell';
import { MembersButton } from '@/components/sharing/members-dialog';
import { getQueryClient, getRenderContext, HydrateClient, trpc } from '../../_trpc/server';
import { loadDesign } from './load-design';

export const dynamic = 'force-dynamic';

type Params = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const design = await loadDesign((await params).id);
  return { title: design.name };
}

/**
 * `/designs/[id]`: the design editor. The tree is prefetched so the canvas draws without a client fetch, and streamed:
 * the editor's HTML (with the script tags the browser fetches and compiles meanwhile) does not wait for it, the
 * pending query goes to the browser with its promise (makeQueryClient), and its readers draw it after hydration
 * (useHydrated).
 */
export default async function DesignPage({ params }: Params) {
  const designId = (await params).id;
  const design = await loadDesign(designId);
  void getQueryClient().prefetchQuery(trpc.org.tree.queryOptions({ designId }));
  const access = await getQueryClient().fetchQuery(trpc.auth.designRole.queryOptions({ designId }));
  // Members and share links are for signed-in people (with sign-in off the machine owns everything; a share link
  // shows the design only).
  const signedIn = (await getRenderContext()).actor.kind === 'user';

  return (
    <HydrateClient>
      <EditorShell
        designId={designId}
        designName={design.name}
        revision={design.revision}
        readOnly={!access.canEdit}
        accessMenu={signedIn ? <MembersButton designId={designId} canManage={access.canManage} /> : undefined}
      />
    </HydrateClient>
  );
}
