// AWS Control Tower in a folder of raw AWS CLI outputs, both ways: the files the folder import reads into the
// bundle's ControlTower section, and the files a bundle's section becomes. The layout, under control-tower/:
//   get-landing-zone.json                          aws controltower get-landing-zone --landing-zone-identifier <arn>
//   list-enabled-baselines.json                    aws controltower list-enabled-baselines --include-children
//   list-enabled-controls/<ou-id>.json             aws controltower list-enabled-controls --target-identifier <OU ARN>
//   get-enabled-control/<id>.json                  aws controltower get-enabled-control --enabled-control-identifier <arn>
//                                                  (optional; its `parameters`; <id> is the ARN's last segment)
//   lzsim-accounts.json                            not an AWS output: the section's LzsimAccounts (origin, blueprint, facts)
//   lzsim-deleted-security-ou.json                 not an AWS output: the former id and name of a deleted Security OU
import 'server-only';

import type { FolderReader } from './identity-center-cli-files';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const lastSegment = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** The bundle's ControlTower section from control-tower/ files, or undefined when the folder has none. */
export function controlTowerFromCliFiles(read: FolderReader, list: (relative: string) => string[]): Json | undefined {
  const landingZone = read('control-tower/get-landing-zone.json', false);
  if (!landingZone) return undefined;
  const baselines = read('control-tower/list-enabled-baselines.json', true)?.enabledBaselines;
  const controls = list('control-tower/list-enabled-controls').flatMap((file) => {
    const items = read(`control-tower/list-enabled-controls/${file}`, true)?.enabledControls;
    return Array.isArray(items) ? items : [];
  }).map((control) => {
    if (!isObject(control) || typeof control.arn !== 'string') return control;
    const details = read(`control-tower/get-enabled-control/${lastSegment(control.arn)}.json`, false)?.enabledControlDetails;
    return isObject(details) && details.parameters !== undefined ? { ...control, parameters: details.parameters } : control;
  });
  const accounts = read('control-tower/lzsim-accounts.json', false);
  const deletedSecurityOu = read('control-tower/lzsim-deleted-security-ou.json', false);
  return {
    LandingZone: landingZone.landingZone,
    EnabledBaselines: Array.isArray(baselines) ? baselines : [],
    EnabledControls: controls,
    ...(accounts ? { LzsimAccounts: accounts.LzsimAccounts } : {}),
    ...(deletedSecurityOu ? { LzsimDeletedSecurityOu: deletedSecurityOu.LzsimDeletedSecurityOu } : {}),
  };
}

/** The control-tower/ files (relative path -> content) of a bundle's ControlTower section. */
export function controlTowerToCliFiles(section: Json): Record<string, string> {
  const files: Record<string, string> = {};
  const at = (relative: string, value: unknown) => {
    files[`control-tower/${relative}`] = `${JSON.stringify(value, null, 4)}\n`;
  };
  at('get-landing-zone.json', { landingZone: section.LandingZone });
  at('list-enabled-baselines.json', { enabledBaselines: section.EnabledBaselines ?? [] });
  const byOu = new Map<string, Json[]>();
  for (const control of (Array.isArray(section.EnabledControls) ? section.EnabledControls : []).filter(isObject)) {
    const { parameters, ...summary } = control;
    const ou = lastSegment(String(control.targetIdentifier));
    byOu.set(ou, [...(byOu.get(ou) ?? []), summary]);
    at(`get-enabled-control/${lastSegment(String(control.arn))}.json`, { enabledControlDetails: { ...summary, parameters: parameters ?? [] } });
  }
  for (const [ou, items] of byOu) at(`list-enabled-controls/${ou}.json`, { enabledControls: items });
  if (section.LzsimAccounts !== undefined) at('lzsim-accounts.json', { LzsimAccounts: section.LzsimAccounts });
  if (section.LzsimDeletedSecurityOu !== undefined) at('lzsim-deleted-security-ou.json', { LzsimDeletedSecurityOu: section.LzsimDeletedSecurityOu });
  return files;
}
