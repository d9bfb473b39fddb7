'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../trpc/client';
import { ComboBox, type ComboOption } from './combo-box';
import type { PrincipalChoice } from './effective-request';
import { useDebounced } from './use-debounced';

/** Suggestions asked for at a time: the API searches the design's principals and sends a page of matches. */
const MAX_SHOWN = 60;
/** The services the picker offers at most (a design's policies name a few dozen). */
const MAX_SERVICES_SHOWN = 12;
/** The pause in typing after which the picker asks again. */
const SEARCH_DELAY_MS = 150;

type WhoKind = 'principal' | 'root' | 'role' | 'user';

/**
 * Who makes the request: one IAM user or role of the design, or the same principal in each account. The lists are
 * searched on the server a page at a time (a 5,000-account design holds about 15,000 principals).
 */
export function PrincipalPicker({ designId, value, onChange, invalid }: { designId: string; value: PrincipalChoice; onChange: (value: PrincipalChoice) => void; invalid?: boolean }) {
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
        <PrincipalCombo designId={designId} arn={value.arn} onArn={(arn) => onChange({ kind: 'principal', arn })} invalid={invalid} />
      ) : value.principal === 'root' ? null : (
        <NameCombo designId={designId} kind={value.principal} name={value.name} onName={(name) => onChange({ ...value, name })} invalid={invalid} />
      )}
    </div>
  );
}

function PrincipalCombo({ designId, arn, onArn, invalid }: { designId: string; arn: string; onArn: (arn: string) => void; invalid?: boolean }) {
  const trpc = useTRPC();
  const query = useDebounced(arn.trim(), SEARCH_DELAY_MS);
  const page = useQuery({ ...trpc.analysis.principals.queryOptions({ designId, query, limit: MAX_SHOWN }), staleTime: 30_000, placeholderData: keepPreviousData });
  // The AWS services the design's policies name can be callers too (a bucket policy naming cloudtrail.amazonaws.com).
  const services = useQuery({ ...trpc.analysis.servicePrincipals.queryOptions({ designId, query, limit: MAX_SERVICES_SHOWN }), staleTime: 30_000, placeholderData: keepPreviousData });
  const principals = page.data?.principals ?? [];
  const options: ComboOption[] = principals.map((principal) => ({
    value: principal.arn,
    label: `${principal.kind === 'role' ? 'Role' : 'User'} ${principal.name}`,
    detail: principal.serviceLinked ? 'service-linked' : principal.path !== '/' ? principal.path : undefined,
    group: `${principal.accountName ?? 'Account'} · ${principal.accountId}`,
  }));
  for (const service of services.data?.services ?? []) {
    options.push({
      value: service.name,
      label: `Service ${service.name}`,
      detail: `named by ${service.policies.toLocaleString('en-US')} ${service.policies === 1 ? 'policy' : 'policies'}`,
      group: 'AWS services the design\'s policies name',
    });
  }
  const more = (page.data?.total ?? 0) - principals.length;
  return (
    <ComboBox
      label="Principal"
      value={arn}
      onChange={onArn}
      options={options}
      placeholder="Search users and roles, or paste an ARN or a service (cloudtrail.amazonaws.com)"
      invalid={invalid}
      busy={page.isPending}
      width={330}
      emptyText={page.isError ? 'The principals could not be loaded: type an ARN.' : page.isPending ? 'Loading principals…' : 'No user, role or service matches.'}
      footer={more > 0 ? `${more.toLocaleString('en-US')} more: keep typing.` : undefined}
    />
  );
}

function NameCombo({ designId, kind, name, onName, invalid }: { designId: string; kind: 'role' | 'user'; name: string; onName: (name: string) => void; invalid?: boolean }) {
  const trpc = useTRPC();
  const query = useDebounced(name.trim(), SEARCH_DELAY_MS);
  // The names with how many accounts have one: the picker says where the name exists.
  const page = useQuery({ ...trpc.analysis.principalNames.queryOptions({ designId, kind, query, limit: MAX_SHOWN }), staleTime: 30_000, placeholderData: keepPreviousData });
  const options: ComboOption[] = (page.data?.names ?? [])
    .filter((entry) => entry.name !== name)
    .map((entry) => ({ value: entry.name, label: entry.name, detail: `${entry.accounts} account${entry.accounts === 1 ? '' : 's'}` }));
  return <ComboBox label={`${kind === 'role' ? 'Role' : 'User'} name`} value={name} onChange={onName} options={options} placeholder={kind === 'role' ? 'Role name' : 'User name'} invalid={invalid} width={260} />;
}
