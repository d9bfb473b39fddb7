'use client';
import Link from 'next/link';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useCallback, useState } from 'react';
import type { GovernanceReport, LandingZoneView } from '@/server/schemas/control-tower';
import { awsLabelOf, describeApiError, type ApiErrorDetails } from '../editor-base/api-error';
import { ImpactPreviewDialog, type PendingCall } from '../matrix/impact-preview-dialog';
import { EditLockBadge } from '../sharing/edit-lock-badge';
import { useEditLock, type EditLock } from '../sharing/use-edit-lock';
import { useTRPC } from '../trpc/client';
import { BackupSettings } from './backup-settings';
import { BreakableId } from '../editor-base/breakable-id';
import '../editor/editor.css';
import './control-tower.css';

type Behavior = 'PREVENTIVE' | 'DETECTIVE' | 'PROACTIVE';
type Guidance = 'MANDATORY' | 'STRONGLY_RECOMMENDED' | 'ELECTIVE';
const GUIDANCE_LABEL: Record<Guidance, string> = { MANDATORY: 'Mandatory', STRONGLY_RECOMMENDED: 'Strongly recommended', ELECTIVE: 'Elective' };

/**
 * Runs an edit against the design's current revision and refreshes every query afterwards (the page shows the result);
 * `lock` disables the edit buttons of viewers and share links, saying why.
 */
function useControlTowerEdit(designId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const design = useQuery(trpc.design.get.queryOptions({ designId }));
  const [error, setError] = useState<ApiErrorDetails | null>(null);
  const [busy, setBusy] = useState(false);
  const lock = useEditLock(designId);
  const run = useCallback(async (work: (base: { designId: string; expectedRevision: number }) => Promise<unknown>) => {
    if (!design.data) return;
    setBusy(true);
    setError(null);
    try {
      await work({ designId, expectedRevision: design.data.revision });
    } catch (caught) {
      setError(describeApiError(caught));
    } finally {
      await queryClient.invalidateQueries();
      setBusy(false);
    }
  }, [design.data, designId, queryClient]);
  return { design, run, busy, error, lock };
}

/**
 * The Control Tower page of a design: set-up when there is no landing zone; else the landing zone's settings, its
 * drift with the repair Control Tower offers, the controls of each registered OU (enable, disable, parameters), the
 * catalogue browser and the compliance of every enrolled account. Nothing is decided here: the server's engine does.
 */
export function ControlTowerView({ designId }: { designId: string }) {
  const trpc = useTRPC();
  const view = useQuery(trpc.controlTower.landingZone.queryOptions({ designId }));
  const governance = useQuery(trpc.controlTower.governance.queryOptions({ designId }));
  const { design, run, busy, error, lock } = useControlTowerEdit(designId);
  if (view.isPending || governance.isPending || design.isPending) {
    return <div className="panel-message" role="status" aria-busy="true"><span className="spinner" aria-hidden="true" /><p className="panel-message__title">Loading Control Tower…</p></div>;
  }
  if (view.isError || governance.isError || design.isError) {
    return <div className="panel-message" role="alert"><p className="panel-message__title">Control Tower could not be loaded.</p><p className="panel-message__detail">{(view.error ?? governance.error ?? design.error)?.message}</p></div>;
  }
  const aws = error ? awsLabelOf(error) : null;
  return (
    <div className="ct-page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Designs</Link> / <Link href={`/designs/${encodeURIComponent(designId)}`}>{design.data.name}</Link> / Control Tower
      </nav>
      <header className="page-heading">
        <h1>AWS Control Tower <EditLockBadge designId={designId} /></h1>
        <p className="muted">The landing zone Control Tower governs: its controls on registered OUs, compliance of enrolled accounts and drift. Every change is a revision you can undo in the editor.</p>
      </header>
      {error ? (
        <div className="ct-error" role="alert">
          <p style={{ margin: 0 }}>{error.message}</p>
          {aws ? <p className="mono" style={{ margin: '0.25rem 0 0', fontSize: '0.8rem' }}>{aws}</p> : null}
        </div>
      ) : null}
      {view.data.landingZone ? (
        <>
          <DriftBanner drift={governance.data.drift} view={view.data} busy={busy} lock={lock} run={run} />
          <LandingZoneSummary designId={designId} view={view.data} busy={busy} lock={lock} run={run} />
          <ControlsSection designId={designId} view={view.data} busy={busy} lock={lock} run={run} />
          <ComplianceSection report={governance.data} />
        </>
      ) : (
        <SetUpForm busy={busy} lock={lock} run={run} />
      )}
    </div>
  );
}

type Run = (work: (base: { designId: string; expectedRevision: number }) => Promise<unknown>) => Promise<void>;

function SetUpForm({ busy, lock, run }: { busy: boolean; lock: EditLock; run: Run }) {
  const trpc = useTRPC();
  const setUp = useMutation(trpc.controlTower.setUpLandingZone.mutationOptions());
  const [home, setHome] = useState('us-east-1');
  const [regions, setRegions] = useState('us-east-1');
  const [logEmail, setLogEmail] = useState('');
  const [auditEmail, setAuditEmail] = useState('');
  const [sandbox, setSandbox] = useState(true);
  const [identityCenter, setIdentityCenter] = useState(true);
  const [regionDeny, setRegionDeny] = useState(false);
  const [config, setConfig] = useState(true);
  return (
    <section className="card" aria-label="Set up landing zone">
      <h2>Set up a landing zone</h2>
      <form className="ct-setup" onSubmit={(event) => {
        event.preventDefault();
        void run((base) => setUp.mutateAsync({
          ...base, homeRegion: home, governedRegions: regions.split(/[\s,]+/).filter(Boolean),
          logArchive: { accountName: 'Log Archive', email: logEmail }, audit: { accountName: 'Audit', email: auditEmail },
          sandboxOuName: sandbox ? 'Sandbox' : null, identityCenter, regionDeny, config,
        }));
      }}>
        <label>Home Region<input {...lock.field('text')} value={home} onChange={(e) => setHome(e.target.value)} /></label>
        <label>Governed Regions (comma-separated)<input {...lock.field('text')} value={regions} onChange={(e) => setRegions(e.target.value)} /></label>
        <label>Log Archive account email<input {...lock.field('text')} type="email" required value={logEmail} onChange={(e) => setLogEmail(e.target.value)} /></label>
        <label>Audit account email<input {...lock.field('text')} type="email" required value={auditEmail} onChange={(e) => setAuditEmail(e.target.value)} /></label>
        <label><span><input {...lock.field('choice')} type="checkbox" checked={sandbox} onChange={(e) => setSandbox(e.target.checked)} /> Create the Sandbox OU</span></label>
        <label><span><input {...lock.field('choice')} type="checkbox" checked={identityCenter} onChange={(e) => setIdentityCenter(e.target.checked)} /> IAM Identity Center</span></label>
        <label><span><input {...lock.field('choice')} type="checkbox" checked={regionDeny} onChange={(e) => setRegionDeny(e.target.checked)} /> Deny the Regions that are not governed</span></label>
        <label><span><input {...lock.field('choice')} type="checkbox" checked={config} onChange={(e) => setConfig(e.target.checked)} /> AWS Config integration (detective controls; optional from landing zone 4.0)</span></label>
        <button type="submit" className="toolbar-button" {...lock.control({ busy })}>Set up landing zone</button>
      </form>
    </section>
  );
}

function LandingZoneSummary({ designId, view, busy, lock, run }: { designId: string; view: LandingZoneView; busy: boolean; lock: EditLock; run: Run }) {
  const lz = view.landingZone!;
  return (
    <section className="card" aria-label="Landing zone">
      <h2>Landing zone {lz.version}</h2>
      <dl className="ct-summary">
        <div><dt>Home Region</dt><dd>{lz.homeRegion}</dd></div>
        <div><dt>Governed Regions</dt><dd>{lz.governedRegions.join(', ')}</dd></div>
        <div><dt>Region deny</dt><dd>{lz.regionDeny ? 'On: other Regions are denied' : 'Off'}</dd></div>
        <div>
          <dt>Security OU</dt>
          <dd>{lz.deletedSecurityOu ? `${lz.deletedSecurityOu.name}${lz.deletedSecurityOu.awsId ? ` (${lz.deletedSecurityOu.awsId})` : ''} deleted: reset the landing zone` : lz.securityOu?.name ?? '—'}</dd>
        </div>
        <div><dt>Log Archive (organization trail logs)</dt><dd>{lz.logArchive ? `${lz.logArchive.name} · ${lz.logArchive.accountId}` : '—'}</dd></div>
        <div><dt>{lz.config ? 'Audit (Config aggregator)' : 'Audit'}</dt><dd>{lz.audit ? `${lz.audit.name} · ${lz.audit.accountId}` : '—'}</dd></div>
        <div><dt>AWS Config integration</dt><dd>{lz.config ? 'On' : 'Off: detective controls are not evaluated'}</dd></div>
        <div><dt>Organization CloudTrail trail</dt><dd>{lz.organizationTrail ? 'On' : 'Off'}</dd></div>
        {/* The instance ARN is long: its item takes a whole row and the ARN wraps only after its separators. */}
        <div className={lz.identityCenterInstance ? 'ct-summary__wide' : undefined}>
          <dt>IAM Identity Center</dt>
          <dd>
            {lz.identityCenter ? 'On' : 'Off (self-managed)'}
            {lz.identityCenterInstance ? <> · <code title="The organization instance, in the management account"><BreakableId text={lz.identityCenterInstance.instanceArn} /></code> ({lz.identityCenterInstance.region})</> : null}
          </dd>
        </div>
        <div className="ct-summary__wide">
          <dt>AWS Backup (backup administrator · central backup vaults)</dt>
          <dd>
            {lz.backup ? (
              <>
                On · {lz.backup.backupAdmin ? `${lz.backup.backupAdmin.name} · ${lz.backup.backupAdmin.accountId}` : '—'} · {lz.backup.centralBackup ? `${lz.backup.centralBackup.name} · ${lz.backup.centralBackup.accountId}` : '—'}
                {' · '}<code title="The multi-Region KMS key of cross-account backups"><BreakableId text={lz.backup.kmsKeyArn} /></code>
              </>
            ) : 'Off'}
          </dd>
          <dd><BackupSettings designId={designId} view={view} busy={busy} lock={lock} run={run} /></dd>
        </div>
        <div><dt>Enrolled accounts</dt><dd>{view.enrolledAccounts.length}</dd></div>
      </dl>
    </section>
  );
}

function DriftBanner({ drift, view, busy, lock, run }: { drift: GovernanceReport['drift']; view: LandingZoneView; busy: boolean; lock: EditLock; run: Run }) {
  const trpc = useTRPC();
  const repair = useMutation(trpc.controlTower.repairDrift.mutationOptions());
  const [destination, setDestination] = useState(view.registeredOus.find((ou) => ou.name !== view.landingZone?.securityOu?.name)?.id ?? '');
  if (drift.length === 0) return null;
  const label = { RESET_LANDING_ZONE: 'Reset landing zone', RE_REGISTER_OU: 'Re-register OU', UPDATE_ACCOUNT: 'Update account' } as const;
  return (
    <section className="ct-drift" role="alert" aria-label="Drift">
      <strong>Drift detected ({drift.length})</strong>
      <ul>
        {drift.map((item, index) => (
          <li key={`${item.type}-${index}`}>
            <span className="mono">{item.type}</span>: {item.message}
            {item.repair === 'UPDATE_ACCOUNT' ? (
              <select aria-label="Registered OU to update the account into" value={destination} onChange={(e) => setDestination(e.target.value)} style={{ marginLeft: '0.5rem' }}>
                {view.registeredOus.map((ou) => <option key={ou.id} value={ou.id}>{ou.name}</option>)}
              </select>
            ) : null}
            <button type="button" className="toolbar-button ct-drift__repair" {...lock.control({ busy })} onClick={() => void run((base) => repair.mutateAsync({
              ...base, repair: item.repair, ouId: item.ouId, accountId: item.accountId, ...(item.repair === 'UPDATE_ACCOUNT' ? { destinationOuId: destination } : {}),
            }))}>
              {label[item.repair]}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An EnableControl or DisableControl waiting in the what-if preview. */
type ControlPreview = { title: string; call: PendingCall };

function ControlsSection({ designId, view, busy, lock, run }: { designId: string; view: LandingZoneView; busy: boolean; lock: EditLock; run: Run }) {
  const trpc = useTRPC();
  const [ouId, setOuId] = useState(view.registeredOus[0]?.id ?? '');
  const [pending, setPending] = useState<ControlPreview | null>(null);
  const ou = view.registeredOus.find((candidate) => candidate.id === ouId) ?? view.registeredOus[0];
  const disable = useMutation(trpc.controlTower.disableControl.mutationOptions());
  if (!ou) return null;
  const direct = ou.controls.filter((c) => c.inheritedFrom === null);
  const inherited = ou.controls.filter((c) => c.inheritedFrom !== null);
  return (
    <div className="ct-columns">
      <section className="card" aria-label="Controls of the OU">
        <h2>Controls on a registered OU</h2>
        <label>OU{' '}
          <select aria-label="Registered OU" value={ou.id} onChange={(e) => setOuId(e.target.value)}>
            {view.registeredOus.map((candidate) => <option key={candidate.id} value={candidate.id}>{candidate.name}</option>)}
          </select>
        </label>
        <p className="muted" style={{ fontSize: '0.8rem' }}>
          {direct.length} enabled here, {inherited.length} inherited. SCPs: {ou.guardrailPolicies.map((p) => p.name).join(', ') || 'none'}.
        </p>
        <ul className="ct-list" aria-label={`Controls enabled on ${ou.name}`}>
          {direct.map((control) => (
            <li key={control.arn} className="ct-control">
              <span>{control.alias ? <BreakableId text={control.alias} /> : control.name}</span>
              {control.guidance === 'MANDATORY' ? <span className="muted" style={{ fontSize: '0.75rem' }}>mandatory</span> : (
                <button type="button" className="toolbar-button" {...lock.control({ busy })} aria-label={`Disable ${control.alias ?? control.name}`}
                  onClick={() => void run((base) => disable.mutateAsync({ ...base, controlIdentifier: control.arn, targetIdentifier: ou.id }))}>Disable</button>
              )}
              {control.guidance === 'MANDATORY' ? null : (
                <button type="button" className="toolbar-button" disabled={busy} aria-label={`Preview disabling ${control.alias ?? control.name}`}
                  onClick={() => setPending({ title: `Disable ${control.alias ?? control.name} on ${ou.name}?`, call: { api: 'controltower', operation: 'DisableControl', input: { controlIdentifier: control.arn, targetIdentifier: ou.awsId } } })}>Preview</button>
              )}
              <span className="ct-control__meta">
                <span className={`ct-tag ct-tag--${control.guidance}`}>{GUIDANCE_LABEL[control.guidance]}</span>{' '}
                <span className="ct-tag">{control.behavior.toLowerCase()}</span>{' '}
                {control.name}{control.evaluated ? '' : ` — not evaluated: ${control.notEvaluatedReason ?? 'no policy text in the data'}`}
              </span>
            </li>
          ))}
          {inherited.map((control) => (
            <li key={`inherited-${control.arn}-${control.inheritedFrom}`} className="ct-control">
              <span>{control.alias ? <BreakableId text={control.alias} /> : control.name}</span>
              <span className="muted" style={{ fontSize: '0.75rem' }}>inherited from {control.inheritedFrom}</span>
            </li>
          ))}
        </ul>
      </section>
      <CatalogBrowser ouId={ou.id} ouAwsId={ou.awsId} ouName={ou.name} enabled={new Set(direct.map((c) => c.arn))} busy={busy} lock={lock} run={run} onPreview={setPending} />
      {pending ? (
        <ImpactPreviewDialog designId={designId} calls={[pending.call]} title={pending.title}
          description="The guardrail SCPs and RCPs Control Tower would deploy, and what they flip; nothing is saved until Apply."
          onDismiss={() => setPending(null)} onApplied={() => setPending(null)} />
      ) : null}
    </div>
  );
}

function CatalogBrowser({ ouId, ouAwsId, ouName, enabled, busy, lock, run, onPreview }: { ouId: string; ouAwsId: string; ouName: string; enabled: Set<string>; busy: boolean; lock: EditLock; run: Run; onPreview: (pending: ControlPreview) => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const [behavior, setBehavior] = useState<Behavior | ''>('');
  const [guidance, setGuidance] = useState<Guidance | ''>('');
  const [service, setService] = useState('');
  const [severity, setSeverity] = useState('');
  const [framework, setFramework] = useState('');
  const [parameters, setParameters] = useState<Record<string, string>>({});
  const catalog = useQuery(trpc.controlTower.catalog.queryOptions({
    search: search || undefined,
    behaviors: behavior ? [behavior] : undefined,
    guidance: guidance ? [guidance] : undefined,
    services: service ? [service] : undefined,
    severities: severity ? [severity as 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL'] : undefined,
    frameworks: framework ? [framework] : undefined,
    limit: 40,
  }));
  const enable = useMutation(trpc.controlTower.enableControl.mutationOptions());
  // EnableControl's parameters as Control Tower takes them: [{ key, value }], the value split from the typed list.
  const chosenParameters = (control: { arn: string; parameters: { key: string }[] }) => control.parameters
    .filter((p) => parameters[`${control.arn}:${p.key}`])
    .map((p) => ({ key: p.key, value: parameters[`${control.arn}:${p.key}`].split(/[\s,]+/).filter(Boolean) }));
  return (
    <section className="card" aria-label="Control catalogue">
      <h2>Control catalogue</h2>
      <div className="ct-filters">
        <input type="search" aria-label="Search controls" placeholder="Search controls" value={search} onChange={(e) => setSearch(e.target.value)} />
        <select aria-label="Behavior" value={behavior} onChange={(e) => setBehavior(e.target.value as Behavior | '')}>
          <option value="">Any behavior</option><option value="PREVENTIVE">Preventive</option><option value="DETECTIVE">Detective</option><option value="PROACTIVE">Proactive</option>
        </select>
        <select aria-label="Guidance" value={guidance} onChange={(e) => setGuidance(e.target.value as Guidance | '')}>
          <option value="">Any guidance</option><option value="MANDATORY">Mandatory</option><option value="STRONGLY_RECOMMENDED">Strongly recommended</option><option value="ELECTIVE">Elective</option>
        </select>
        <select aria-label="Severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
          <option value="">Any severity</option><option value="LOW">Low</option><option value="MEDIUM">Medium</option><option value="HIGH">High</option><option value="CRITICAL">Critical</option>
        </select>
        <select aria-label="Service" value={service} onChange={(e) => setService(e.target.value)}>
          <option value="">Any service</option>
          {catalog.data?.facets.services.map((s) => <option key={s.value} value={s.value}>{s.value} ({s.count})</option>)}
        </select>
        <select aria-label="Framework" value={framework} onChange={(e) => setFramework(e.target.value)}>
          <option value="">Any framework</option>
          {catalog.data?.facets.frameworks.map((f) => <option key={f.value} value={f.value}>{f.value} ({f.count})</option>)}
        </select>
      </div>
      <p className="muted" style={{ fontSize: '0.8rem' }} role="status">{catalog.data ? `${catalog.data.total} controls` : 'Loading…'}</p>
      <ul className="ct-list" aria-label="Catalogue results">
        {catalog.data?.controls.map((control) => {
          const label = control.alias ?? control.name;
          return (
            <li key={control.arn} className="ct-control">
              <span><strong className="ct-control__name">{control.name}</strong>{control.alias ? <span className="mono muted"> · <BreakableId text={control.alias} /></span> : null}</span>
              {enabled.has(control.arn) ? <span className="muted" style={{ fontSize: '0.75rem' }}>enabled on {ouName}</span> : control.guidance === 'MANDATORY' ? null : (
                <button type="button" className="toolbar-button" {...lock.control({ busy })} aria-label={`Enable ${label} on ${ouName}`}
                  onClick={() => void run((base) => enable.mutateAsync({ ...base, controlIdentifier: control.arn, targetIdentifier: ouId, parameters: chosenParameters(control) }))}>Enable</button>
              )}
              {enabled.has(control.arn) || control.guidance === 'MANDATORY' ? null : (
                <button type="button" className="toolbar-button" disabled={busy} aria-label={`Preview enabling ${label} on ${ouName}`}
                  onClick={() => onPreview({ title: `Enable ${label} on ${ouName}?`, call: { api: 'controltower', operation: 'EnableControl', input: { controlIdentifier: control.arn, targetIdentifier: ouAwsId, parameters: chosenParameters(control) } } })}>Preview</button>
              )}
              <span className="ct-control__meta">
                <span className={`ct-tag ct-tag--${control.guidance}`}>{GUIDANCE_LABEL[control.guidance]}</span>{' '}
                <span className="ct-tag">{control.behavior.toLowerCase()}</span>{' '}
                <span className="ct-tag">{control.severity.toLowerCase()}</span>{' '}
                <span className="ct-tag">{control.implementation.type}{control.implementation.identifier ? ` ${control.implementation.identifier}` : ''}</span>{' '}
                {control.frameworks.map((framework) => <Fragment key={framework}><span className="ct-tag">{framework}</span>{' '}</Fragment>)}
                {control.service}. {control.description}
                {control.appliesAtDeployment ? ' Applies at CloudFormation deployment time (hook).' : ''}
                {control.textUnavailable ? <strong> Text unavailable: listed, not evaluated.</strong> : null}
              </span>
              {control.policy ? (
                <details className="ct-control__meta" style={{ gridColumn: '1 / -1' }}>
                  <summary>{control.implementation.type === 'DECLARATIVE_POLICY_EC2' ? 'Declarative policy' : control.implementation.type} text{control.policy.template ? ' (template Control Tower fills in)' : ''}</summary>
                  <pre className="mono" style={{ whiteSpace: 'pre-wrap', fontSize: '0.72rem' }}>{control.policy.document}</pre>
                  <span className="muted">Source: {control.policy.source}</span>
                </details>
              ) : null}
              {control.parameters.map((p) => (
                <label key={p.key} className="ct-control__meta" style={{ gridColumn: '1 / -1' }}>
                  {p.key}{p.required ? ' (required)' : ''}: <input aria-label={`${p.key} for ${label}`} value={parameters[`${control.arn}:${p.key}`] ?? ''}
                    onChange={(e) => setParameters({ ...parameters, [`${control.arn}:${p.key}`]: e.target.value })} placeholder="comma-separated" />
                </label>
              ))}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ComplianceSection({ report }: { report: GovernanceReport }) {
  return (
    <section className="card" aria-label="Compliance">
      <h2>Compliance (detective controls)</h2>
      <table className="data-table">
        <caption className="muted" style={{ textAlign: 'left' }}>Registered OUs</caption>
        <thead><tr><th scope="col">OU</th><th scope="col">Status</th><th scope="col">Accounts</th><th scope="col">Non-compliant</th></tr></thead>
        <tbody>
          {report.compliance.ous.map((ou) => (
            <tr key={ou.ouId}><th scope="row">{ou.name}</th><td className={`ct-status--${ou.status}`}>{ou.status.replace('_', ' ')}</td><td>{ou.accounts}</td><td>{ou.nonCompliantAccounts}</td></tr>
          ))}
        </tbody>
      </table>
      <ul className="ct-list" aria-label="Account compliance" style={{ marginTop: '0.6rem' }}>
        {report.compliance.accounts.map((account) => (
          <li key={account.accountRowId} aria-label={`${account.name} ${account.status}`}>
            <details open={account.status === 'NON_COMPLIANT'}>
              <summary>{account.name} · {account.accountId} · {account.ouName} — <span className={`ct-status--${account.status}`}>{account.status.replace('_', ' ')}</span></summary>
              <ul>
                {account.results.map((result) => (
                  <li key={result.control.identifier}><span className={`ct-status--${result.status}`}>{result.status.replace('_', ' ')}</span> {result.control.identifier}: {result.reason}</li>
                ))}
              </ul>
            </details>
          </li>
        ))}
      </ul>
    </section>
  );
}
