'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { SHARE_LINK_LOCK_REASON } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { CreateDesignForm } from './create-design-form';
import { DesignTable } from './design-table';
import { ImportDesignForm } from './import-design-form';
import { useDeferredDelete } from './use-deferred-delete';
import './designs.css';

/** The designs page body: the list (server-rendered through the prefetched cache) and the create form. */
export function DesignsView() {
  const trpc = useTRPC();
  const designs = useQuery(trpc.design.list.queryOptions());
  const deletion = useDeferredDelete();
  const shown = designs.data?.filter((design) => design.id !== deletion.pending?.designId);
  // A share link shows its one design; creating or importing needs someone signed in to own the result.
  const viaShareLink = designs.data?.some((design) => design.viaShareLink) ?? false;

  return (
    <div className="designs-layout">
      <section className="card" aria-labelledby="designs-heading">
        <header className="card__header">
          <h2 id="designs-heading">Designs</h2>
          {shown ? <span className="muted">{shown.length} in total</span> : null}
        </header>
        {designs.isPending ? (
          <div className="panel-message" role="status" aria-busy="true">
            <span className="spinner" aria-hidden="true" />
            <p className="panel-message__title">Loading designs…</p>
          </div>
        ) : designs.isError ? (
          <div className="panel-message" role="alert">
            <p className="panel-message__title">The designs could not be loaded.</p>
            <p className="panel-message__detail">{designs.error.message}</p>
          </div>
        ) : shown?.length === 0 ? (
          <div className="panel-message">
            <p className="panel-message__title">No designs yet</p>
            <p className="panel-message__detail">Create your first landing zone design with the form.</p>
          </div>
        ) : (
          <DesignTable designs={shown ?? []} onDelete={deletion.remove} />
        )}
        {deletion.pending ? (
          <div className="undo-bar" role="status">
            <span>Deleted “{deletion.pending.name}”.</span>
            <button type="button" className="button button--small" onClick={deletion.undo}>Undo</button>
          </div>
        ) : null}
        {deletion.failure ? <p className="field__error" role="alert">{deletion.failure}</p> : null}
      </section>
      <aside className="card" aria-labelledby="create-heading">
        <header className="card__header">
          <h2 id="create-heading">New design</h2>
        </header>
        {viaShareLink ? (
          <div className="form">
            <p className="muted" data-testid="share-link-no-create">
              {SHARE_LINK_LOCK_REASON}: <Link href="/sign-in">sign in</Link> to create or import designs.
            </p>
          </div>
        ) : (
          <>
            <CreateDesignForm />
            <header className="card__header card__header--section">
              <h2 id="import-heading">Import</h2>
            </header>
            <ImportDesignForm />
          </>
        )}
      </aside>
    </div>
  );
}
