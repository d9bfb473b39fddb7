'use client';
import { useQuery } from '@tanstack/react-query';
import { useEditorStore } from '../editor-base/editor-store-provider';
import { useTRPC } from '../trpc/client';
import { CONTEXT_PRESETS, CONTEXT_TYPES, type ContextFormType, type ContextRow } from './effective-request';

let rowSeq = 0;

const SOURCE_VPCE = 'aws:sourcevpce';
const ENDPOINT_LIST_ID = 'request-vpc-endpoints';

/** The design's VPC endpoints as choices for aws:SourceVpce, fetched once a row names that key. */
function VpcEndpointChoices({ enabled }: { enabled: boolean }) {
  const trpc = useTRPC();
  const designId = useEditorStore((state) => state.designId);
  const endpoints = useQuery({ ...trpc.account.vpcEndpoints.queryOptions({ designId }), enabled });
  if (!enabled || !endpoints.data) return null;
  return (
    <datalist id={ENDPOINT_LIST_ID}>
      {endpoints.data.endpoints.map((endpoint) => (
        <option key={endpoint.id} value={endpoint.id}>{`${endpoint.serviceName} in ${endpoint.vpcId} (account ${endpoint.ownerAccountId})`}</option>
      ))}
    </datalist>
  );
}

/**
 * The request context rows: key, type and value, added from presets (region, MFA, source IP, VPC endpoint, tags) or
 * free; an aws:SourceVpce value offers the design's VPC endpoints.
 */
export function ContextEntries({ rows, onChange }: { rows: readonly ContextRow[]; onChange: (rows: ContextRow[]) => void }) {
  const update = (id: number, patch: Partial<ContextRow>) => onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <div className="context-entries" role="group" aria-label="Request context">
      {rows.map((row) => {
        const preset = CONTEXT_PRESETS.find((candidate) => candidate.key !== '' && row.key.startsWith(candidate.key));
        return (
          <div key={row.id} className="context-entry">
            <input aria-label="Context key" className="context-entry__key" value={row.key} placeholder="aws:PrincipalTag/team" spellCheck={false}
              onChange={(event) => update(row.id, { key: event.target.value })} />
            <select aria-label={`Type of ${row.key || 'context key'}`} className="context-entry__type" value={row.type}
              onChange={(event) => update(row.id, { type: event.target.value as ContextFormType })}>
              {CONTEXT_TYPES.map((type) => <option key={type} value={type}>{type}</option>)}
            </select>
            {row.type === 'boolean' ? (
              <select aria-label={`Value of ${row.key || 'context key'}`} className="context-entry__value" value={row.value || 'true'}
                onChange={(event) => update(row.id, { value: event.target.value })}>
                <option value="true">true</option>
                <option value="false">false</option>
              </select>
            ) : (
              <input aria-label={`Value of ${row.key || 'context key'}`} className="context-entry__value" value={row.value}
                list={row.key.toLowerCase() === SOURCE_VPCE ? ENDPOINT_LIST_ID : undefined}
                placeholder={row.type.endsWith('List') ? 'a, b, c' : preset?.placeholder ?? 'value'} spellCheck={false}
                onChange={(event) => update(row.id, { value: event.target.value })} />
            )}
            <button type="button" className="icon-button" aria-label={`Remove ${row.key || 'context entry'}`} title="Remove"
              onClick={() => onChange(rows.filter((candidate) => candidate.id !== row.id))}>×</button>
          </div>
        );
      })}
      <VpcEndpointChoices enabled={rows.some((row) => row.key.toLowerCase() === SOURCE_VPCE)} />
      <select aria-label="Add context entry" className="request-bar__select request-bar__add" value=""
        onChange={(event) => {
          const preset = CONTEXT_PRESETS.find((candidate) => candidate.label === event.target.value);
          if (!preset) return;
          onChange([...rows, { id: ++rowSeq, key: preset.key, type: preset.type, value: preset.type === 'boolean' ? 'true' : '' }]);
        }}>
        <option value="">+ Context</option>
        {CONTEXT_PRESETS.map((preset) => <option key={preset.label} value={preset.label}>{preset.label}</option>)}
      </select>
    </div>
  );
}
