'use client';
import Link from 'next/link';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { DesignQuota } from '@/server/schemas/organizations';
import { awsLabelOf } from '../editor-base/api-error';
import { EditLockBadge } from '../sharing/edit-lock-badge';
import { useEditLock, type EditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { PolicyTypesSection } from './policy-types-section';
import { usePageEdit } from './use-page-edit';
import '../editor/editor.css';
import '../policies/policies.css';
import './quotas.css';

const number = new Intl.NumberFormat('en-US');

/**
 * A design's quotas page: the policy types enabled on the root, and every AWS quota the design is checked against
 * with AWS's default, the value in force, how much the design uses, and, for the quotas a customer may raise through
 * Service Quotas, a field to raise it up to AWS's documented maximum (or return it to the default).
 */
export function DesignQuotasView({ designId }: { designId: string }) {
  const trpc = useTRPC();
  const quotas = useQuery(trpc.organization.quotas.queryOptions({ designId }));
  const { design, run, busy, error } = usePageEdit(designId, [trpc.organization.quotas.queryKey({ designId })]);
  const enableType = useMutation(trpc.policy.enableType.mutationOptions());
  const disableType = useMutation(trpc.policy.disableType.mutationOptions());
  const setQuota = useMutation(trpc.organization.setServiceQuota.mutationOptions());
  const lock = useEditLock(designId);

  if (quotas.isPending || design.isPending) {
    return <div className="panel-message" role="status" aria-busy="true"><span className="spinner" aria-hidden="true" /><p className="panel-message__title">Loading quotas…</p></div>;
  }
  if (quotas.isError || design.isError) {
    return <div className="panel-message" role="alert"><p className="panel-message__title">The quotas could not be loaded.</p><p className="panel-message__detail">{(quotas.error ?? design.error)?.message}</p></div>;
  }

  const services = ['Organizations', 'IAM', 'IAM Identity Center', 'AWS RAM'] as const;
  const aws = error ? awsLabelOf(error) : null;
  return (
    <div className="quotas-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Designs</Link> / <Link href={`/designs/${encodeURIComponent(designId)}`}>{design.data.name}</Link> / Quotas
      </nav>
      <header className="page-heading">
        <h1>Quotas and policy types <EditLockBadge designId={designId} /></h1>
        <p className="muted">
          AWS&apos;s quotas as this design uses them. Adjustable quotas can be raised as a customer would through Service
          Quotas, up to the maximum AWS documents; every change is a revision you can undo in the editor.
        </p>
      </header>
      {error ? (
        <div className="quotas-error" role="alert">
          <p className="quotas-error__message">{error.message}</p>
          {aws ? <p className="quotas-error__code mono">{aws}</p> : null}
        </div>
      ) : null}
      <section className="card">
        <PolicyTypesSection
          policyTypes={quotas.data.policyTypes}
          allFeatures={quotas.data.featureSet === 'ALL'}
          busyType={busy?.startsWith('type:') ? busy.slice(5) : null}
          lock={lock}
          onToggle={(type, enable) =>
            void run(`type:${type}`, async (base) => {
              const input = { ...base, type: type as Parameters<typeof enableType.mutateAsync>[0]['type'] };
              return enable ? await enableType.mutateAsync(input) : await disableType.mutateAsync(input);
            })
          }
        />
      </section>
      {services.map((service) => (
        <section key={service} className="card" aria-labelledby={`quotas-${service.replace(/\s+/g, "-")}`}>
          <header className="card__header">
            <h2 id={`quotas-${service.replace(/\s+/g, "-")}`}>{service} quotas</h2>
          </header>
          <table className="data-table quotas-table" aria-label={`${service} quotas`}>
            <thead>
              <tr>
                <th scope="col">Quota</th>
                <th scope="col" className="num">Used</th>
                <th scope="col" className="num">In force</th>
                <th scope="col" className="num">AWS default</th>
                <th scope="col">Adjustable</th>
                <th scope="col"><span className="visually-hidden">Change</span></th>
              </tr>
            </thead>
            <tbody>
              {quotas.data.quotas.filter((quota) => quota.service === service).map((quota) => (
                <QuotaRow
                  key={quota.key}
                  quota={quota}
                  disabled={busy !== null}
                  lock={lock}
                  busy={busy === `quota:${quota.key}`}
                  onSet={(value) => run(`quota:${quota.key}`, (base) => setQuota.mutateAsync({ ...base, quotaKey: quota.key, value }))}
                />
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </div>
  );
}

function QuotaRow({ quota, disabled, lock, busy, onSet }: { quota: DesignQuota; disabled: boolean; lock: EditLock; busy: boolean; onSet: (value: number | null) => Promise<unknown> }) {
  const ids = useId();
  const [draft, setDraft] = useState('');
  const share = quota.value > 0 ? quota.used / quota.value : 0;
  const level = quota.used >= quota.value ? 'full' : share >= 0.8 ? 'near' : 'ok';
  const parsed = Number(draft);
  const invalid = draft !== '' && (!Number.isInteger(parsed) || parsed < quota.defaultValue || parsed > quota.maximum);
  return (
    <tr data-quota={quota.key} className={`quota-row quota-row--${level}`}>
      <th scope="row">
        <a href={quota.docUrl} target="_blank" rel="noreferrer" className="quota-row__name" title="AWS documentation for this quota">{quota.name}</a>
        {quota.usageNote ? <div className="muted small">Used: {quota.usageNote}</div> : null}
      </th>
      <td className="num">
        <span className="quota-meter" aria-hidden="true"><span style={{ width: `${Math.min(100, Math.round(share * 100))}%` }} /></span>
        {number.format(quota.used)} <span className="muted small">{quota.unit}</span>
      </td>
      <td className="num">
        {number.format(quota.value)}
        {quota.raised ? <span className="quota-raised" title="Raised for this design"> raised</span> : null}
      </td>
      <td className="num">{number.format(quota.defaultValue)}</td>
      <td>{quota.adjustable ? `Up to ${number.format(quota.maximum)}` : <span className="muted">Fixed</span>}</td>
      <td>
        {quota.adjustable ? (
          <form
            className="quota-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (draft === '' || invalid) return;
              void onSet(parsed).then((result) => result !== undefined && setDraft(''));
            }}
          >
            <label htmlFor={`${ids}-value`} className="visually-hidden">New value for {quota.name}</label>
            <input
              id={`${ids}-value`}
              type="number"
              inputMode="numeric"
              min={quota.defaultValue}
              max={quota.maximum}
              step={1}
              placeholder={String(quota.value)}
              value={draft}
              readOnly={lock.locked}
              title={lock.reason ?? undefined}
              aria-invalid={invalid}
              aria-describedby={invalid ? `${ids}-hint` : undefined}
              onChange={(event) => setDraft(event.target.value)}
            />
            <button type="submit" className="toolbar-button" {...lock.control({ busy: disabled || draft === '' || invalid })}>
              {busy ? 'Saving…' : 'Set'}
            </button>
            {quota.raised ? (
              <button type="button" className="toolbar-button" {...lock.control({ busy: disabled })} onClick={() => void onSet(null)}>
                Default
              </button>
            ) : null}
            {invalid ? (
              <span id={`${ids}-hint`} className="field__error small">
                Between {number.format(quota.defaultValue)} and {number.format(quota.maximum)}.
              </span>
            ) : null}
          </form>
        ) : null}
      </td>
    </tr>
  );
}
