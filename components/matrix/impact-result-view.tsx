'use client';
import type { ReactNode } from 'react';
import type { ImpactPreviewResult } from '@/server/schemas/impact';
import './matrix.css';

const WORDS: Record<string, string> = {
  allowed: 'allowed', explicitDeny: 'explicit deny', noAllow: 'not allowed by a level', deniedExcept: 'denied except some principals',
  allowedExcept: 'allowed except some principals', conditional: 'depends on context',
};

/** Actions named in full up to this many; a longer list (AdministratorAccess gains the whole catalogue) gives its count. */
const ACTIONS_NAMED = 25;

/** "ec2:RunInstances, ec2:StartInstances", or "22,091 actions: a, b, … and 22,066 more" for a long list. */
function actionList(actions: readonly string[]): string {
  if (actions.length <= ACTIONS_NAMED) return actions.join(', ');
  return `${actions.length.toLocaleString('en-US')} actions: ${actions.slice(0, ACTIONS_NAMED).join(', ')}, … and ${(actions.length - ACTIONS_NAMED).toLocaleString('en-US')} more`;
}

/** "1 account", "3 accounts". */
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

const MANAGEMENT_WORDS: Record<string, string> = { TAG_POLICY: 'tag policy', BACKUP_POLICY: 'backup policy', AISERVICES_OPT_OUT_POLICY: 'AI services opt-out policy', S3_POLICY: 'Amazon S3 policy', DECLARATIVE_POLICY_EC2: 'EC2 policy' };

/**
 * What a change does to access, as the server computed it: the (account, action) pairs that flip by service, the
 * flipped actions per group of accounts, and the principals that gain or lose actions. Used by the what-if preview
 * and by the history's comparison of two revisions; `children` holds the caller's buttons.
 */
export function ImpactResultView({ result, label = 'Impact preview', children }: { result: ImpactPreviewResult; label?: string; children?: ReactNode }) {
  return (
    <div className="impact-result" role="region" aria-label={label}>
      <p className="impact-result__summary">
        {result.changedCells === 0
          ? 'No (account, action) pair flips under SCPs and RCPs.'
          : `${result.changedCells} (account, action) pair${result.changedCells === 1 ? '' : 's'} flip in ${result.changedAccounts} account${result.changedAccounts === 1 ? '' : 's'}.`}
      </p>
      {result.services.length > 0 && (
        <table className="impact-table" aria-label="Flipped pairs by service">
          <thead><tr><th>Service</th><th>Become denied</th><th>Become allowed</th><th>Changed</th></tr></thead>
          <tbody>{result.services.map((service) => (
            <tr key={service.service}><td>{service.service}</td><td>{service.becameDenied}</td><td>{service.becameAllowed}</td><td>{service.changed}</td></tr>
          ))}</tbody>
        </table>
      )}
      {result.groups.map((group, i) => (
        <details key={i} className="impact-group" open={i === 0}>
          <summary>{group.side.toUpperCase()} · {group.accounts.map((account) => account.accountName ?? account.accountId).join(', ')}</summary>
          <ul>{group.actions.map((flip) => <li key={flip.action}><code>{flip.action}</code>: {WORDS[flip.before]} → {WORDS[flip.after]}</li>)}</ul>
          {group.actionsLeftOut > 0 && <p>… and {group.actionsLeftOut} more actions</p>}
        </details>
      ))}
      {result.principals.length > 0 && (
        <ul className="impact-principals" aria-label="Principals">
          {result.principals.flatMap((principal) => [
            ...(principal.lost.length > 0 ? [<li key={`${principal.principalArn}-lost`}><code>{principal.principalArn}</code> loses {actionList(principal.lost)}</li>] : []),
            ...(principal.gained.length > 0 ? [<li key={`${principal.principalArn}-gained`}><code>{principal.principalArn}</code> gains {actionList(principal.gained)}</li>] : []),
          ])}
        </ul>
      )}
      {(result.management ?? []).length > 0 && (
        <table className="impact-table" aria-label="Effective management policies that change">
          <thead><tr><th>Account</th><th>Policy type</th><th>Keys that change</th></tr></thead>
          <tbody>{result.management.map((change) => (
            <tr key={`${change.accountId}-${change.type}`}>
              <td>{change.accountName}</td><td>{MANAGEMENT_WORDS[change.type]}</td>
              <td>{change.before === null ? 'none before → ' : change.after === null ? 'none after: ' : ''}{change.keys.join(', ')}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      {(result.resources ?? []).length > 0 && (
        <p className="impact-result__summary">
          {plural(new Set(result.resources.map((change) => change.principalArn)).size, 'principal')} in {plural(new Set(result.resources.map((change) => change.accountId)).size, 'account')} gain or lose use of {plural(new Set(result.resources.map((change) => change.resourceArn)).size, 'shared resource')} (AWS RAM):
        </p>
      )}
      {(result.resources ?? []).length > 0 && (
        <ul className="impact-principals" aria-label="Use of shared resources">
          {result.resources.flatMap((change) => [
            ...(change.gained.length > 0 ? [<li key={`${change.resourceArn}-${change.principalArn}-gained`}><code>{change.principalArn}</code> may now use <code>{change.resourceArn}</code>: {actionList(change.gained)}</li>] : []),
            ...(change.lost.length > 0 ? [<li key={`${change.resourceArn}-${change.principalArn}-lost`}><code>{change.principalArn}</code> may no longer use <code>{change.resourceArn}</code>: {actionList(change.lost)}</li>] : []),
          ])}
        </ul>
      )}
      {children}
    </div>
  );
}
