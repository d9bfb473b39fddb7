'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccessFindingDto } from '@/server/schemas/access';
import { describeApiError } from '../editor-base/api-error';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useEditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';

const RULE_LABEL: Record<AccessFindingDto['lzsim']['rule'], string> = {
  CONFUSED_DEPUTY: 'Confused deputy', PUBLIC_ACCESS: 'Public', EXTERNAL_ACCESS: 'External access', RAM_EXTERNAL_SHARE: 'RAM share outside the organization',
  UNSCOPED_FEDERATION: 'Any GitHub workflow',
};

/** External-access findings listed per account, with Archive / Reopen (recorded in the history). */
export function AccessFindings({ accountNames }: { accountNames: ReadonlyMap<string, string> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const designId = useEditorStore((state) => state.designId);
  const revision = useEditorStore((state) => state.revision);
  const setRevision = useEditorStore((state) => state.setRevision);
  const showToast = useEditorStore((state) => state.showToast);
  const findings = useQuery(trpc.access.findings.queryOptions({ designId }));
  const onDone = {
    onSuccess: (result: { revision: number }) => {
      setRevision(result.revision);
      void queryClient.invalidateQueries(trpc.access.findings.pathFilter());
      void queryClient.invalidateQueries(trpc.history.pathFilter());
    },
    onError: (error: unknown) => showToast({ tone: 'error', title: 'Could not update the finding', detail: describeApiError(error).message }),
  };
  const archive = useMutation(trpc.access.archiveFinding.mutationOptions(onDone));
  const reopen = useMutation(trpc.access.unarchiveFinding.mutationOptions(onDone));
  const lock = useEditLock(designId);
  if (findings.isPending) return <p className="access-muted">Analysing trust and resource policies…</p>;
  if (findings.isError) return <p className="access-error" role="alert">{findings.error.message}</p>;
  const byAccount = new Map<string, AccessFindingDto[]>();
  for (const finding of findings.data.findings) byAccount.set(finding.resourceOwnerAccount, [...(byAccount.get(finding.resourceOwnerAccount) ?? []), finding]);
  if (byAccount.size === 0) return <p className="access-muted">No external access: nothing in the design lets a principal outside the organization in.</p>;
  return (
    <div className="access-findings" aria-label="External-access findings">
      {[...byAccount].map(([accountId, list]) => (
        <section key={accountId} className="access-findings__account" aria-label={`Findings of ${accountNames.get(accountId) ?? accountId}`}>
          <h4>{accountNames.get(accountId) ?? 'Account'} <span className="access-muted">{accountId}</span></h4>
          <ul className="access-list">
            {list.map((finding) => {
              const details = finding.findingDetails[0].externalAccessDetails;
              return (
                <li key={finding.id} className={`access-finding access-finding--${finding.lzsim.rule}${finding.status === 'ARCHIVED' ? ' access-finding--archived' : ''}`}>
                  <div className="access-finding__head">
                    <span className="access-badge">{RULE_LABEL[finding.lzsim.rule]}</span>
                    <code>{finding.resource.split(':').slice(5).join(':')}</code>
                    <span className="access-muted">{finding.resourceType}</span>
                    {finding.lzsim.rcpStops ? (
                      <span className="access-badge access-badge--stopped" title={`lzsim evaluated the resource account's RCPs (Access Analyzer does not): ${finding.lzsim.rcpStops.policies.join(', ')}`}>
                        {finding.lzsim.rcpStops.actions.length === details.action.length ? 'Stopped by an RCP' : 'Partly stopped by an RCP'}
                      </span>
                    ) : null}
                  </div>
                  <p>{finding.lzsim.summary}.</p>
                  <p className="access-muted">Principal {Object.entries(details.principal).map(([type, value]) => `${type}: ${value}`).join(', ')} · actions {details.action.join(', ')} · <a href={finding.lzsim.docUrl} target="_blank" rel="noreferrer">AWS docs</a></p>
                  {finding.status === 'ARCHIVED'
                    ? <button type="button" className="access-button" {...lock.control({ busy: reopen.isPending })} onClick={() => reopen.mutate({ designId, expectedRevision: revision, findingId: finding.id })}>Reopen</button>
                    : <button type="button" className="access-button" {...lock.control({ busy: archive.isPending })} onClick={() => archive.mutate({ designId, expectedRevision: revision, findingId: finding.id })}>Archive</button>}
                  {finding.status === 'ARCHIVED' ? <span className="access-muted"> archived</span> : null}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
