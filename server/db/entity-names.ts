import 'server-only';
import type { Db } from './client';

/** Display names of roots, OUs, accounts and Organizations policies by row id (ids that match nothing are absent). */
export async function readEntityNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ids.length === 0) return names;
  const where = { id: { in: [...new Set(ids)] } };
  const [roots, ous, accounts, policies] = await Promise.all([
    db.root.findMany({ where, select: { id: true, name: true } }),
    db.organizationalUnit.findMany({ where, select: { id: true, name: true } }),
    db.account.findMany({ where, select: { id: true, name: true } }),
    db.organizationPolicy.findMany({ where, select: { id: true, name: true } }),
  ]);
  for (const row of [...roots, ...ous, ...accounts, ...policies]) names.set(row.id, row.name);
  return names;
}
