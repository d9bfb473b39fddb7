'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { IamAccount, IamManagedPolicyView } from '@/server/schemas/iam';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { IamDocumentDialog } from './iam-document-dialog';
import { IAM_PAGES, IamListMore, IamListSearch, LazyDetails, pagedItems, useIamListSearch } from './iam-list-paging';
import { IamTags } from './iam-tags';
import { STARTER_IDENTITY_POLICY, useIamEdit } from './use-iam-edit';

type Dialog = { kind: 'create' } | { kind: 'version'; policy: IamManagedPolicyView; document: string };

/**
 * The account's customer-managed policies (usable as identity policies or permissions boundaries), a page at a time
 * from the API (iam.policies: 50 by name, "Show more", a search over the names), a policy's editor drawn when it is
 * opened: create, keep up to the quota of versions with one default (new version, set default, delete a version),
 * and delete (AWS's DeleteConflict while attached, used as a boundary or with other versions shows in a toast).
 */
export function IamPoliciesSection({ iam }: { iam: IamAccount }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const { client, run, lock } = useIamEdit(iam.account.id);
  const max = iam.quotas.maxVersionsPerPolicy;
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const search = useIamListSearch();
  const pages = useInfiniteQuery(
    trpc.iam.policies.infiniteQueryOptions({ designId, accountId: iam.account.id, ...(search.wanted ? { search: search.wanted } : {}) }, IAM_PAGES),
  );
  const policies = pagedItems(pages.data);

  return (
    <section className="inspector-section" aria-label="Customer-managed policies">
      <div className="inspector-section__head">
        <h3 className="inspector-section__title">Customer-managed policies <span className="muted">{policies.total === undefined ? '…' : policies.total.toLocaleString('en-US')}</span></h3>
        <button type="button" className="toolbar-button" {...lock.control()} onClick={() => setDialog({ kind: 'create' })}>Create policy</button>
      </div>
      <IamListSearch noun="policies" value={search.search} total={policies.total} onChange={search.setSearch} />
      {pages.isError ? <p className="field__error" role="alert">The policies could not be loaded: {pages.error.message}</p> : null}
      {policies.total === 0 && search.wanted === '' ? <p className="empty-state small">No customer-managed policies in this account.</p> : null}
      {policies.items.map((policy) => (
        <LazyDetails key={policy.id} summary={
          <summary className="role__summary">
            <span className="role__name">{policy.name}</span>
            <span className="muted small">
              {policy.defaultVersionId} of {policy.versions.length} · {policy.attachedTo.length > 0 ? `attached to ${policy.attachedTo.length}` : 'not attached'}
              {policy.boundaryOf.length > 0 ? ` · boundary of ${policy.boundaryOf.length}` : ''}
            </span>
          </summary>
        }>{() => (
          <div className="role__body">
            <p className="mono role__arn">{policy.arn}</p>
            {policy.description ? <p className="role__description">{policy.description}</p> : null}
            {policy.attachedTo.length + policy.boundaryOf.length > 0 ? (
              <p className="small">
                {policy.attachedTo.length > 0 ? `Attached to ${policy.attachedTo.join(', ')}. ` : ''}
                {policy.boundaryOf.length > 0 ? `Boundary of ${policy.boundaryOf.join(', ')}.` : ''}
              </p>
            ) : null}
            <h4 className="iam-policies__title">Versions <span className="muted">{policy.versions.length} / {max}</span></h4>
            <ul className="attached-list">
              {policy.versions.map((version) => (
                <li key={version.versionId} className="attached-item">
                  <span className="attached-item__name mono">{version.versionId}</span>
                  {version.isDefault ? <span className="chip chip--organization">default</span> : null}
                  <button
                    type="button"
                    className="toolbar-button"
                    {...lock.control()}
                    aria-label={`Start a new version of ${policy.name} from ${version.versionId}`}
                    onClick={() => setDialog({ kind: 'version', policy, document: version.document })}
                  >
                    Edit as new
                  </button>
                  {version.isDefault ? null : (
                    <>
                      <button
                        type="button"
                        className="toolbar-button"
                        {...lock.control()}
                        aria-label={`Make ${version.versionId} the default version of ${policy.name}`}
                        onClick={() => void run((base) => client.iam.setDefaultPolicyVersion.mutate({ ...base, policyArn: policy.arn, versionId: version.versionId }), { failure: 'Default not changed', done: `${version.versionId} is now the default of ${policy.name}` })}
                      >
                        Set default
                      </button>
                      <button
                        type="button"
                        className="toolbar-button toolbar-button--danger"
                        {...lock.control()}
                        aria-label={`Delete version ${version.versionId} of ${policy.name}`}
                        onClick={() => void run((base) => client.iam.deletePolicyVersion.mutate({ ...base, policyArn: policy.arn, versionId: version.versionId }), { failure: 'Version not deleted' })}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </li>
              ))}
            </ul>
            <div className="iam-editor__actions">
              <button
                type="button"
                className="toolbar-button toolbar-button--danger"
                aria-label={`Delete policy ${policy.name}`}
                {...lock.control({ title: 'AWS refuses while the policy is attached, a boundary, or has versions besides the default (DeleteConflict).' })}
                onClick={() => void run((base) => client.iam.deletePolicy.mutate({ ...base, policyArn: policy.arn }), { failure: 'Policy not deleted', done: `Deleted policy ${policy.name}` })}
              >
                Delete policy
              </button>
            </div>
            <IamTags accountId={iam.account.id} resourceType="policy" resourceName={policy.arn} label={`policy ${policy.name}`} tags={policy.tags} />
          </div>
        )}</LazyDetails>
      ))}
      {policies.total !== undefined ? (
        <IamListMore noun="policies" shown={policies.items.length} total={policies.total} search={search.wanted} hasMore={pages.hasNextPage} loading={pages.isFetchingNextPage} onMore={() => void pages.fetchNextPage()} />
      ) : null}

      {dialog?.kind === 'create' ? (
        <IamDocumentDialog
          title="Create managed policy"
          kind="managed"
          documentLabel="Policy document (JSON)"
          initialDocument={STARTER_IDENTITY_POLICY}
          fields={[
            { name: 'policyName', label: 'Policy name', required: true },
            { name: 'path', label: 'Path', initial: '/' },
            { name: 'description', label: 'Description', hint: 'Fixed once created (IAM has no UpdatePolicy).' },
          ]}
          submitLabel="Create policy"
          onSubmit={(values, document) =>
            run(
              (base) =>
                client.iam.createPolicy.mutate({
                  ...base,
                  policyName: values.policyName.trim(),
                  path: values.path || '/',
                  ...(values.description ? { description: values.description } : {}),
                  policyDocument: document,
                }),
              { failure: 'Policy not created', toastOnError: false, done: `Created policy ${values.policyName.trim()}` },
            )
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
      {dialog?.kind === 'version' ? (
        <IamDocumentDialog
          title={`New version of ${dialog.policy.name}`}
          kind="managed"
          documentLabel="Policy document (JSON)"
          initialDocument={dialog.document}
          note={`A policy keeps at most ${max} versions; only the default one takes effect.`}
          fields={[{ name: 'setAsDefault', label: 'Make it the default version', type: 'checkbox', initial: 'true' }]}
          submitLabel="Create version"
          onSubmit={(values, document) =>
            run((base) => client.iam.createPolicyVersion.mutate({ ...base, policyArn: dialog.policy.arn, policyDocument: document, setAsDefault: values.setAsDefault === 'true' }), {
              failure: 'Version not created',
              toastOnError: false,
              done: `New version of ${dialog.policy.name}`,
            })
          }
          onClose={() => setDialog(null)}
        />
      ) : null}
    </section>
  );
}
