'use client';

/** The effective-permission request bar under the top bar: principal, action, resource, context. */
export function RequestBar() {
  return (
    <section className="request-bar" aria-label="Effective permission request">
      <span className="request-bar__hint">Effective permissions: choose a principal and an action to colour every account.</span>
    </section>
  );
}
