import 'server-only';
import type { Db } from '../../db/client';
import { loadGovernedLandingZone } from '../../db/control-tower';
import type { AccountControlTowerView } from '../../schemas/account-details';
import { governanceReportOf } from './governance';
import { landingZoneViewOf } from './landing-zone-view';

// One account as Control Tower governs it, for the account panel: enrolled or not (userguide/enroll-account.html:
// an enrolled account has AWSControlTowerBaseline enabled on it), the registered OU it inherits its controls from
// (controlreference/control-considerations.html: controls apply to every account of the OU, and preventive ones to
// nested OUs through SCP inheritance), each detective control's result for this account, and its drift. The panel
// shows what the landing-zone view and the governance report already decide; nothing is recomputed here.

/** Control Tower's view of one account; null when the design has no landing zone. */
export async function accountControlTower(
  db: Db,
  designId: string,
  account: { id: string; isManagement: boolean; parentOuId: string | null },
): Promise<AccountControlTowerView | null> {
  // Read once and shared by the view and the report (loadGovernedLandingZone reads nothing more without one).
  const loaded = await loadGovernedLandingZone(db, designId);
  if (!loaded) return null;
  const { org } = loaded;
  const view = landingZoneViewOf(loaded.state, org, loaded.instance);
  const report = governanceReportOf(loaded.state, org, loaded.quotaOverrides);
  const enrolment = view.enrolledAccounts.find((e) => e.id === account.id);
  const registeredOu = account.parentOuId ? view.registeredOus.find((ou) => ou.id === account.parentOuId) ?? null : null;
  const parent = account.parentOuId ? org.ous.find((ou) => ou.id === account.parentOuId) ?? null : null;
  const compliance = report.compliance.accounts.find((a) => a.accountRowId === account.id) ?? null;
  const results = new Map((compliance?.results ?? []).map((r) => [r.control.name, { status: r.status, reason: r.reason }]));
  const controls = (registeredOu?.controls ?? [])
    // A detective control without a result does not concern this account (a Log Archive-only rule, for one).
    .filter((control) => control.behavior !== 'DETECTIVE' || results.has(control.name))
    .map((control) => ({
      arn: control.arn, alias: control.alias, name: control.name, behavior: control.behavior, guidance: control.guidance,
      inheritedFrom: control.inheritedFrom, compliance: control.behavior === 'DETECTIVE' ? results.get(control.name)! : null,
    }));
  return {
    enrolment: account.isManagement ? 'MANAGEMENT_ACCOUNT' : enrolment ? 'ENROLLED' : 'NOT_ENROLLED',
    origin: enrolment?.origin ?? null,
    ou: parent ? { id: parent.id, awsId: parent.awsId, name: parent.name, registered: registeredOu !== null } : null,
    controls,
    compliance: compliance && compliance.results.length > 0 ? compliance.status : null,
    drift: report.drift.filter((item) => item.accountId === account.id).map((item) => ({ type: item.type, message: item.message })),
  };
}
