'use client';
import { useCallback, useRef, useState } from 'react';
import type { DiagramStatus } from '../org-graph/export';
import { describeApiError, type ApiErrorDetails } from '../editor-base/api-error';
import type { AccountDecision } from '../editor-base/editor-store';
import { useEditorStoreApi } from '../editor-base/editor-store-provider';
import { useOrgTreeReader } from '../editor-base/use-org-tree';
import { useTRPCClient } from '../trpc/client';
import { contextEntries, describeForm, requestsPerAccount, sessionTagFields, type EffectiveForm } from './effective-request';
import { decisionWords, statusOf } from './effective-status';

/** What the last run produced, for the bar's summary. */
export type EffectiveRunState =
  | { status: 'idle' }
  | { status: 'running'; label: string }
  | { status: 'done'; label: string; counts: Record<DiagramStatus, number>; evaluated: number; missing: number; revision: number; onePrincipal: boolean }
  | { status: 'error'; label: string; error: ApiErrorDetails };

const emptyCounts = (): Record<DiagramStatus, number> => ({ allowed: 0, explicitDeny: 0, implicitDeny: 0, conditional: 0 });

/**
 * Runs the request bar's request through the API and puts one decision per member account (per account, in a design
 * without an organization) into the store (the canvas colours the cards and the account list from it). "A principal in each account" uses simulation.acrossAccounts; a chosen
 * principal is asked once per account, as a request on a resource in that account (simulation.simulateBatch).
 */
export function useRunEffective() {
  const client = useTRPCClient();
  const store = useEditorStoreApi();
  const readTree = useOrgTreeReader();
  const [state, setState] = useState<EffectiveRunState>({ status: 'idle' });
  // Only the newest run may write its answer: a slow older run must not overwrite a newer one.
  const runSeq = useRef(0);

  const run = useCallback(async (form: EffectiveForm) => {
    const seq = ++runSeq.current;
    const label = describeForm(form);
    const { designId } = store.getState();
    const tree = readTree();
    setState({ status: 'running', label });
    try {
      const decisions: Record<string, AccountDecision> = {};
      const counts = emptyCounts();
      let missing = 0;
      let revision: number;
      if (form.principal.kind === 'each-account') {
        const chosen = form.principal;
        const principal = chosen.principal === 'root' ? { kind: 'root' as const } : { kind: chosen.principal, name: chosen.name.trim() };
        const context = contextEntries(form.context);
        const tagRows = form.sessionTags.filter((row) => row.key.trim() !== '');
        const tags = tagRows.length === 0 ? {} : {
          sessionTags: tagRows.filter((row) => !row.transitive).map((row) => ({ key: row.key.trim(), value: row.value })),
          transitiveSessionTags: tagRows.filter((row) => row.transitive).map((row) => ({ key: row.key.trim(), value: row.value })),
        };
        const answer = await client.simulation.acrossAccounts.query({ designId, principal, action: form.action.trim(), resource: form.resource.trim(), context, ...tags });
        revision = answer.revision;
        for (const account of answer.accounts) {
          if (account.decision === null) {
            missing += 1;
            continue;
          }
          const result = { decision: account.decision, conditionDependent: account.conditionDependent };
          const status = statusOf(result);
          counts[status] += 1;
          decisions[account.accountId] = {
            decision: status,
            summary: `${decisionWords(result)}: ${account.summary}`,
            request: { principalArn: account.principalArn, action: form.action.trim(), resource: account.resource, context, ...sessionTagFields(form.sessionTags, account.principalArn) },
          };
        }
      } else {
        // Without an organization the design's accounts stand on their own: each is asked, as acrossAccounts does.
        const accountIds = tree?.root
          ? tree.accounts.map((account) => account.accountId)
          : (await client.account.outside.query({ designId })).accounts.map((account) => account.accountId);
        if (accountIds.length === 0) throw new Error(tree?.root ? 'The design has no member accounts to evaluate.' : 'The design has no accounts to evaluate.');
        const requests = requestsPerAccount({ ...form, principal: form.principal }, accountIds);
        const answer = await client.simulation.simulateBatch.mutate({ designId, requests });
        revision = answer.revision;
        answer.results.forEach((entry, index) => {
          const request = requests[index];
          if (!entry.ok) {
            // An unknown principal fails every entry alike: say so once, with IAM's code.
            throw Object.assign(new Error(entry.error.message), { data: { awsCode: entry.error.code } });
          }
          const status = statusOf(entry.result);
          counts[status] += 1;
          decisions[request.resourceAccount!] = { decision: status, summary: `${decisionWords(entry.result)}: ${entry.result.summary}`, request };
        });
      }
      if (seq !== runSeq.current) return;
      store.getState().setDecisions(decisions);
      setState({ status: 'done', label, counts, evaluated: Object.keys(decisions).length, missing, revision, onePrincipal: form.principal.kind === 'principal' });
    } catch (error) {
      if (seq !== runSeq.current) return;
      store.getState().setDecisions({});
      setState({ status: 'error', label, error: describeApiError(error) });
    }
  }, [client, readTree, store]);

  const reset = useCallback(() => {
    runSeq.current += 1;
    setState({ status: 'idle' });
  }, []);

  return { state, run, reset };
}
