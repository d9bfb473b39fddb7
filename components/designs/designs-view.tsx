'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { CreateDesignForm } from './create-design-form';
import { DesignTable } from './design-table';

/** The designs page body: the list (server-rendered through the prefetched cache) and the create form. */
export function DesignsView() {
  const trpc = useTRPC();
  const designs = useQuery(trpc.design.list.queryOptions());

  return (
    <div className="designs-layout">
      <section className="card" aria-labelledby="designs-heading">
        <header className="card__header">
          <h2 id="designs-heading">Designs</h2>
          {designs.data ? <span className="muted">{designs.data.length} in total</span> : null}
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
        ) : designs.data.length === 0 ? (
          <div className="panel-message">
            <p className="panel-message__title">No designs yet</p>
            <p className="panel-message__detail">Create your first landing zone design with the form.</p>
          </div>
        ) : (
          <DesignTable designs={designs.data} />
        )}
      </section>
      <aside className="card" aria-labelledby="create-heading">
        <header className="card__header">
          <h2 id="create-heading">New design</h2>
        </header>
        <CreateDesignForm />
      </aside>
    </div>
  );
}
