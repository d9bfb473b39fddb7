'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dynamic from 'next/dynamic';
import { useCallback, useId, useMemo, useState } from 'react';
import type { EditablePolicyType } from '@/server/schemas/organizations';
import type { PolicySummary } from '@/server/schemas/policy-library';
import { useEditorStore, useEditorStoreApi } from '../editor-base/editor-store-provider';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import type { PolicyEditorTarget } from './policy-editor-dialog';
import { PolicyListItem } from './policy-list-item';
import { awsLabelOf, describeApiError } from '../editor-base/api-error';
import { POLICY_TYPES } from './policy-types';
import './policies.css';

// The JSON editor (with its validation and findings) is fetched when a policy is first opened, not with the editor.
const PolicyEditorDialog = dynamic(() => import('./policy-editor-dialog').then((m) => m.PolicyEditorDialog));

/** How many policies of a type the list draws at first, and how many more each "Show more" adds. */
export const POLICY_PAGE = 50;

/**
 * The policy library (left sidebar, "Policies" tab): the design's Organizations policies by type, AWS-managed
 * ones marked, each with how many targets it is attached to; search by name, id or description; create a
 * policy; open one in the JSON editor; drag one onto a node of the canvas to attach it. Each type's list is paged
 * (POLICY_PAGE at a time): a design with 2,000 policies opens, and redraws after an edit, as fast as a small one.
 */
export function PolicyLibraryPanel() {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  // Summaries only (no documents, no targets): a policy's document and targets are fetched when it is opened.
  const library = useQuery(trpc.policy.summaries.queryOptions({ designId }));
  const queryClient = useQueryClient();
  const store = useEditorStoreApi();
  const lock = useEditLock(designId);
  const [query, setQuery] = useState('');
  const [newType, setNewType] = useState<EditablePolicyType>('SERVICE_CONTROL_POLICY');
  const [editing, setEditing] = useState<PolicyEditorTarget | null>(null);
  // Rows shown per type beyond the first page; a new search starts from the first page again.
  const [shown, setShown] = useState<{ query: string; counts: Partial<Record<string, number>> }>({ query: '', counts: {} });
  const shownOf = (type: string) => (shown.query === query ? shown.counts[type] : undefined) ?? POLICY_PAGE;
  const open = useCallback(
    (policy: PolicySummary) => {
      queryClient.fetchQuery(trpc.policy.get.queryOptions({ designId, policyId: policy.id })).then(
        (full) => setEditing({ mode: 'edit', policy: full }),
        (error: unknown) => {
          const details = describeApiError(error);
          store.getState().showToast({ tone: 'error', title: `${policy.name} could not be opened`, detail: details.message, code: awsLabelOf(details) });
        },
      );
    },
    [designId, queryClient, store, trpc],
  );
  const ids = useId();

  const groups = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matches = (p: PolicySummary) =>
      !needle || p.name.toLowerCase().includes(needle) || p.awsId.toLowerCase().includes(needle) || p.description.toLowerCase().includes(needle);
    return POLICY_TYPES.map((info) => ({ info, policies: (library.data?.policies ?? []).filter((p) => p.type === info.type && matches(p)) }));
  }, [library.data, query]);

  return (
    <section className="side-panel policy-library" aria-labelledby="policy-library-heading">
      <div className="side-panel__head">
        <h2 id="policy-library-heading" className="side-panel__title">Policies</h2>
        {library.data ? <span className="muted small">{library.data.policies.length}</span> : null}
      </div>
      <div className="policy-library__create">
        <label htmlFor={`${ids}-type`} className="visually-hidden">Type of the new policy</label>
        <select {...lock.field('choice')} id={`${ids}-type`} className="compact-select" value={newType} onChange={(event) => setNewType(event.target.value as EditablePolicyType)}>
          {POLICY_TYPES.map((info) => (
            <option key={info.type} value={info.type}>{info.short}: {info.singular}</option>
          ))}
        </select>
        <button type="button" className="toolbar-button toolbar-button--primary" {...lock.control()} onClick={() => setEditing({ mode: 'create', type: newType })}>
          New policy
        </button>
      </div>
      <input
        type="search"
        className="search-box__input policy-library__search"
        placeholder="Search policies"
        aria-label="Search policies by name, id or description"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <p className="muted small policy-library__hint">{lock.reason ? `${lock.reason}. Open a policy to read it.` : 'Drag a policy onto a root, OU or account to attach it.'}</p>

      {library.isPending ? <p className="empty-state" role="status">Loading policies…</p> : null}
      {library.isError ? (
        describeApiError(library.error).awsCode === 'AWSOrganizationsNotInUseException' ? (
          <p className="empty-state">No organization in this design: SCPs, RCPs and tag, backup and AI opt-out policies belong to one.</p>
        ) : (
          <p className="field__error" role="alert">The policies could not be loaded: {library.error.message} Reload the page to try again.</p>
        )
      ) : null}
      {library.data
        ? groups.map(({ info, policies }) => {
            const enabled = library.data.enabledTypes.includes(info.type);
            if (policies.length === 0 && (query || !enabled)) return null;
            return (
              <section key={info.type} className="policy-group" aria-labelledby={`${ids}-${info.tone}`}>
                <h3 id={`${ids}-${info.tone}`} className="policy-group__title">
                  <span className={`type-badge type-badge--${info.tone}`}>{info.short}</span>
                  {info.plural}
                  <span className="policy-group__count">{policies.length}</span>
                </h3>
                {!enabled ? (
                  <p className="policy-group__note">Not enabled on the root: these policies have no effect and AWS refuses to attach them.</p>
                ) : null}
                {policies.length === 0 ? (
                  <p className="empty-state small">None yet. Choose “{info.short}” above and press New policy.</p>
                ) : (
                  <>
                    <ul className="policy-list">
                      {policies.slice(0, shownOf(info.type)).map((policy) => (
                        <PolicyListItem key={policy.id} policy={policy} onOpen={open} />
                      ))}
                    </ul>
                    {policies.length > shownOf(info.type) ? (
                      <button type="button" className="link-button policy-list__more"
                        onClick={() => setShown({ query, counts: { ...(shown.query === query ? shown.counts : {}), [info.type]: shownOf(info.type) + POLICY_PAGE } })}>
                        Show {Math.min(POLICY_PAGE, policies.length - shownOf(info.type))} more ({(policies.length - shownOf(info.type)).toLocaleString('en-US')} not shown)
                      </button>
                    ) : null}
                  </>
                )}
              </section>
            );
          })
        : null}
      {library.data && query && groups.every((g) => g.policies.length === 0) ? (
        <p className="empty-state">No policy matches “{query}”.</p>
      ) : null}

      {editing ? <PolicyEditorDialog target={editing} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
