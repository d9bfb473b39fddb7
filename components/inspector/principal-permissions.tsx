'use client';
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { PrincipalPermissionsResult } from '@/server/schemas/analysis';
import { describeApiError } from '../editor-base/api-error';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';

/** The access levels in the order IAM's documentation lists them. */
const LEVEL_ORDER = ['List', 'Read', 'Write', 'Permissions management', 'Tagging'];

/**
 * The effective permissions of one user, role or the root of the account: every catalogued action it may perform
 * after its identity policies, permissions boundary, SCPs and RCPs (analysis.principalPermissions, the same engine
 * function as `lzsim principal-permissions`), by service and access level with the resource patterns. Loaded only when
 * a principal is chosen; a service's actions are drawn only when it is opened.
 */
export function PrincipalPermissions({ accountId, principals }: { accountId: string; principals: { arn: string; label: string }[] }) {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const [principalArn, setPrincipalArn] = useState('');
  const selectId = useId();
  const permissions = useQuery({ ...trpc.analysis.principalPermissions.queryOptions({ designId, principalArn, countsOnly: true }), enabled: principalArn !== '' });
  const options = [...principals, { arn: `arn:aws:iam::${accountId}:root`, label: 'root user' }];
  return (
    <section className="inspector-section principal-permissions" aria-label="Effective permissions of a principal">
      <h3 className="inspector-section__title">Effective permissions</h3>
      <label className="small" htmlFor={selectId}>Principal</label>
      <select id={selectId} className="request-bar__select" value={principalArn} onChange={(event) => setPrincipalArn(event.target.value)}>
        <option value="">Choose a user or role…</option>
        {options.map((option) => <option key={option.arn} value={option.arn}>{option.label}</option>)}
      </select>
      {principalArn === '' ? <p className="muted small">The catalogue&apos;s actions it may perform after identity policies, boundary, SCPs and RCPs.</p> : null}
      {permissions.isFetching ? <p className="empty-state small" role="status" aria-busy="true">Evaluating every catalogued action…</p> : null}
      {permissions.isError ? <p className="field__error" role="alert">{describeApiError(permissions.error).message}</p> : null}
      {permissions.data && !permissions.isFetching ? <PermissionsByService result={permissions.data} designId={designId} /> : null}
    </section>
  );
}

function PermissionsByService({ result, designId }: { result: PrincipalPermissionsResult; designId: string }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (result.total === 0) return <p className="muted small">No catalogued action is allowed.</p>;
  return (
    <>
      <p className="small">{result.total.toLocaleString('en')} action{result.total === 1 ? '' : 's'} in {result.services.length} service{result.services.length === 1 ? '' : 's'}</p>
      <ul className="principal-permissions__services" aria-label="Services">
        {result.services.map((service) => {
          const levels = [...service.levels].sort((a, b) => rank(a.accessLevel) - rank(b.accessLevel));
          const count = levels.reduce((sum, level) => sum + level.count, 0);
          const isOpen = open.has(service.service);
          return (
            <li key={service.service} className="principal-permissions__service">
              <button
                type="button"
                className="principal-permissions__toggle"
                aria-expanded={isOpen}
                onClick={() => setOpen((current) => {
                  const next = new Set(current);
                  if (isOpen) next.delete(service.service);
                  else next.add(service.service);
                  return next;
                })}
              >
                <strong>{service.service}</strong> <span className="muted">{count} · {levels.map((level) => `${level.accessLevel} ${level.count}`).join(' · ')}</span>
              </button>
              {isOpen ? <ServiceActions designId={designId} principalArn={result.principalArn} service={service.service} /> : null}
            </li>
          );
        })}
      </ul>
    </>
  );
}

/** One service's actions by access level, with resource patterns: fetched when the service is opened. */
function ServiceActions({ designId, principalArn, service }: { designId: string; principalArn: string; service: string }) {
  const trpc = useTRPC();
  const actions = useQuery(trpc.analysis.principalPermissions.queryOptions({ designId, principalArn, services: [service] }));
  if (actions.isPending) return <p className="empty-state small" role="status" aria-busy="true">Loading {service}…</p>;
  if (actions.isError) return <p className="field__error" role="alert">{describeApiError(actions.error).message}</p>;
  const levels = [...(actions.data.services[0]?.levels ?? [])].sort((a, b) => rank(a.accessLevel) - rank(b.accessLevel));
  return (
    <>
      {levels.map((level) => (
        <div key={level.accessLevel} className="principal-permissions__level" role="group" aria-label={`${service} ${level.accessLevel}`}>
          <h4 className="principal-permissions__level-title">{level.accessLevel} ({level.count})</h4>
          <ul>
            {level.actions.map((action) => (
              <li key={action.action} className="small">
                <code>{action.action}</code>
                {action.decision === 'conditional' ? <span className="muted"> (depends on {action.dependsOn?.join(', ')})</span> : null}
                <span className="muted"> on {action.resources.join(', ')}</span>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

function rank(accessLevel: string): number {
  const index = LEVEL_ORDER.indexOf(accessLevel.split(', ')[0]);
  return index < 0 ? LEVEL_ORDER.length : index;
}
