'use client';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { DesignPrincipal } from '@/server/schemas/analysis';
import { useTRPC } from '../trpc/client';
import { ComboBox, type ComboOption } from './combo-box';
import type { PrincipalChoice } from './effective-request';

const MAX_SHOWN = 60;

type WhoKind = 'principal' | 'root' | 'role' | 'user';

/** Who makes the request: one IAM user or role of the design, or the same principal in each account. */
export function PrincipalPicker({ designId, value, onChange, invalid }: { designId: string; value: PrincipalChoice; onChange: (value: PrincipalChoice) => void; invalid?: boolean }) {
  const trpc = useTRPC();
  const principals = useQuery({ ...trpc.analysis.principals.queryOptions({ designId }), staleTime: 30_000 });
  const list = principals.data?.principals ?? [];
  const who: WhoKind = value.kind === 'principal' ? 'principal' : value.principal;

  const setWho = (next: WhoKind) => {
    if (next === 'principal') onChange({ kind: 'principal', arn: '' });
    else onChange({ kind: 'each-account', principal: next, name: next === 'role' ? 'OrganizationAccountAccessRole' : '' });
  };

  return (
    <div className="request-bar__who">
      <select aria-label="Principal kind" className="request-bar__select" value={who} onChange={(event) => setWho(event.target.value as WhoKind)}>
        <option value="principal">Principal</option>
        <option value="role">Role in each account</option>
        <option value="user">User in each account</option>
        <option value="root">Root user of each account</option>
      </select>
      {value.kind === 'principal' ? (
        <PrincipalCombo principals={list} arn={value.arn} onArn={(arn) => onChange({ kind: 'principal', arn })} invalid={invalid} busy={principals.isPending} error={principals.isError} />
      ) : value.principal === 'root' ? null : (
        <NameCombo principals={list} kind={value.principal} name={value.name} onName={(name) => onChange({ ...value, name })} invalid={invalid} />
      )}
    </div>
  );
}

function matches(principal: DesignPrincipal, query: string): boolean {
  if (query === '') return true;
  const haystack = `${principal.name} ${principal.arn} ${principal.accountName ?? ''}`.toLowerCase();
  return query.split(/\s+/).every((word) => haystack.includes(word));
}

function PrincipalCombo({ principals, arn, onArn, invalid, busy, error }: { principals: readonly DesignPrincipal[]; arn: string; onArn: (arn: string) => void; invalid?: boolean; busy: boolean; error: boolean }) {
  const query = arn.trim().toLowerCase();
  const exact = principals.some((principal) => principal.arn === arn);
  const matching = exact ? principals : principals.filter((principal) => matches(principal, query));
  const options: ComboOption[] = matching.slice(0, MAX_SHOWN).map((principal) => ({
    value: principal.arn,
    label: `${principal.kind === 'role' ? 'Role' : 'User'} ${principal.name}`,
    detail: principal.serviceLinked ? 'service-linked' : principal.path !== '/' ? principal.path : undefined,
    group: `${principal.accountName ?? 'Account'} · ${principal.accountId}`,
  }));
  return (
    <ComboBox
      label="Principal"
      value={arn}
      onChange={onArn}
      options={options}
      placeholder="Search users and roles, or paste an ARN"
      invalid={invalid}
      busy={busy}
      width={330}
      emptyText={error ? 'The principals could not be loaded: type an ARN.' : busy ? 'Loading principals…' : 'No user or role matches.'}
      footer={matching.length > MAX_SHOWN ? `${matching.length - MAX_SHOWN} more: keep typing.` : undefined}
    />
  );
}

function NameCombo({ principals, kind, name, onName, invalid }: { principals: readonly DesignPrincipal[]; kind: 'role' | 'user'; name: string; onName: (name: string) => void; invalid?: boolean }) {
  // How many accounts have a principal of each name: the picker says where the name exists.
  const counts = useMemo(() => {
    const byName = new Map<string, Set<string>>();
    for (const principal of principals) {
      if (principal.kind !== kind || principal.serviceLinked) continue;
      let accounts = byName.get(principal.name);
      if (!accounts) byName.set(principal.name, (accounts = new Set()));
      accounts.add(principal.accountId);
    }
    return [...byName.entries()].sort((a, b) => b[1].size - a[1].size || a[0].localeCompare(b[0]));
  }, [principals, kind]);
  const query = name.trim().toLowerCase();
  const options: ComboOption[] = counts
    .filter(([candidate]) => candidate.toLowerCase().includes(query) && candidate !== name)
    .slice(0, MAX_SHOWN)
    .map(([candidate, accounts]) => ({ value: candidate, label: candidate, detail: `${accounts.size} account${accounts.size === 1 ? '' : 's'}` }));
  return <ComboBox label={`${kind === 'role' ? 'Role' : 'User'} name`} value={name} onChange={onName} options={options} placeholder={kind === 'role' ? 'Role name' : 'User name'} invalid={invalid} width={260} />;
}
