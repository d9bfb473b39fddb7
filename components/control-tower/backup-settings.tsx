'use client';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { LandingZoneView } from '@/server/schemas/control-tower';
import type { EditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';

type Run = (work: (base: { designId: string; expectedRevision: number }) => Promise<unknown>) => Promise<void>;

/**
 * The landing zone's AWS Backup integration (UpdateLandingZone's manifest "backup", landing zone 4.0): choose the backup
 * administrator and central backup accounts and the multi-Region KMS key, or turn it off. The server checks Control
 * Tower's prerequisites (backup-prerequisites.html) and refuses with ValidationException; the page shows its message.
 */
export function BackupSettings({ designId, view, busy, lock, run }: { designId: string; view: LandingZoneView; busy: boolean; lock: EditLock; run: Run }) {
  const trpc = useTRPC();
  const tree = useQuery(trpc.org.tree.queryOptions({ designId }));
  const update = useMutation(trpc.controlTower.updateLandingZone.mutationOptions());
  const [admin, setAdmin] = useState('');
  const [central, setCentral] = useState('');
  const [kmsKeyArn, setKmsKeyArn] = useState('');
  const backup = view.landingZone?.backup ?? null;
  if (backup) {
    return (
      <button type="button" className="toolbar-button" {...lock.control({ busy })}
        onClick={() => void run((base) => update.mutateAsync({ ...base, backup: { enabled: false } }))}>Turn AWS Backup off</button>
    );
  }
  const accounts = (tree.data?.accounts ?? []).filter((account) => !account.isManagement);
  return (
    <form className="ct-backup-form" aria-label="AWS Backup integration" onSubmit={(event) => {
      event.preventDefault();
      void run((base) => update.mutateAsync({ ...base, backup: { enabled: true, backupAdminAccountId: admin, centralBackupAccountId: central, kmsKeyArn } }));
    }}>
      <label>Backup administrator account
        <select {...lock.field('choice')} required value={admin} onChange={(e) => setAdmin(e.target.value)}>
          <option value="">Choose an account</option>
          {accounts.map((account) => <option key={account.id} value={account.accountId}>{account.name} · {account.accountId}</option>)}
        </select>
      </label>
      <label>Central backup account
        <select {...lock.field('choice')} required value={central} onChange={(e) => setCentral(e.target.value)}>
          <option value="">Choose an account</option>
          {accounts.map((account) => <option key={account.id} value={account.accountId}>{account.name} · {account.accountId}</option>)}
        </select>
      </label>
      <label>Multi-Region KMS key ARN
        <input {...lock.field('text')} required value={kmsKeyArn} onChange={(e) => setKmsKeyArn(e.target.value)} placeholder="arn:aws:kms:REGION:ACCOUNT:key/mrk-…" />
      </label>
      <button type="submit" className="toolbar-button" {...lock.control({ busy })}>Turn AWS Backup on</button>
    </form>
  );
}
