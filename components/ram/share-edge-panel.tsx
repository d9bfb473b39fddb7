'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';

const STOP_WORDS = { none: 'can use it', some: 'its SCPs deny some actions', all: 'its SCPs deny every action', conditional: 'depends on conditions' } as const;

/**
 * One share edge opened: the share, the principal, and for each account the principal reaches what its SCPs leave
 * of the share's permission actions, with the SCP and level that deny them (the engine's answer, ram.shareScpStops).
 */
export function ShareEdgePanel({ designId, shareArn, principal, onClose }: { designId: string; shareArn: string; principal: string; onClose: () => void }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.ram.overview.queryOptions({ designId }));
  const stops = useQuery(trpc.ram.shareScpStops.queryOptions({ designId }));
  const share = overview.data?.shares.find((entry) => entry.arn === shareArn);
  const association = share?.principals.find((entry) => entry.principal === principal);
  const verdicts = new Map((stops.data?.shares.find((entry) => entry.shareArn === shareArn)?.recipients ?? []).map((r) => [r.accountId, r]));
  const recipients = share?.recipients.filter((recipient) => recipient.via === principal) ?? [];
  return (
    <div className="access-overlay-panel">
      <aside className="access-panel access-panel--edge ram-edge-panel" aria-label="Resource share edge">
        <header className="access-panel__head">
          <h3>RAM share {share?.name ?? ''}</h3>
          <button type="button" className="access-link" onClick={onClose} aria-label="Close resource share edge">Close</button>
        </header>
        {!share ? <p className="access-muted" role="status">Loading the share…</p> : (
          <>
            <p className="small">From <strong>{share.owningAccountName}</strong> ({share.owningAccountId}) to <code>{principal}</code></p>
            <p className="small muted">
              {association?.external ? <span className="ram-badge-external" data-testid="ram-edge-external">outside the organization</span> : null}{' '}
              {association ? `${association.status.toLowerCase()}${association.invitationStatus ? ` · invitation ${association.invitationStatus.toLowerCase()}` : ''}` : ''}
            </p>
            <ul className="small" aria-label="Shared resources">
              {share.resources.map((resource) => {
                const permission = share.permissions.find((p) => p.resourceType === resource.type);
                return <li key={resource.arn}><code>{resource.arn}</code> <span className="muted">{permission ? `${permission.permissionName} v${permission.permissionVersion}` : 'no permission'}</span></li>;
              })}
            </ul>
            <h4 className="small">Accounts it reaches</h4>
            {recipients.length === 0 ? <p className="small muted">None yet{association?.invitationStatus === 'PENDING' ? ': the invitation is pending' : ''}.</p> : null}
            <ul className="small ram-recipient-list" aria-label="Recipients and their SCPs">
              {recipients.map((recipient) => {
                const verdict = verdicts.get(recipient.accountId);
                return (
                  <li key={recipient.accountId} data-testid="ram-edge-recipient" data-stop={verdict?.stop ?? 'unknown'}>
                    <strong>{recipient.accountName ?? recipient.accountId}</strong> ({recipient.accountId}): {verdict ? STOP_WORDS[verdict.stop] : stops.isPending ? 'checking its SCPs…' : 'not checked'}
                    {verdict?.note ? <span className="muted"> ({verdict.note})</span> : null}
                    {verdict?.rcpNote ? <div className="muted">{verdict.rcpNote}</div> : null}
                    {verdict && verdict.stopped.length > 0 ? (
                      <ul>
                        {verdict.stopped.map((entry, index) => (
                          <li key={`${entry.action}${index}`}>
                            <code>{entry.action}</code> {entry.kind === 'explicitDeny' ? `denied by ${entry.policyType === 'RCP' ? 'the owner\'s RCP ' : ''}${entry.policyName ?? `an ${entry.policyType}`}` : entry.kind === 'noAllow' ? `no ${entry.policyType} allows it` : 'refused by a service rule'} at {entry.levelName}{entry.resourceArn ? <> on <code>{entry.resourceArn}</code></> : null}{entry.decision === 'deniedExcept' ? ' (some principals are exempted)' : ''}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {verdict && verdict.conditional.length > 0 ? <div className="muted">depends on conditions: {verdict.conditional.join(', ')}</div> : null}
                  </li>
                );
              })}
            </ul>
          </>
        )}
      </aside>
    </div>
  );
}
