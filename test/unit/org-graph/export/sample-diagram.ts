// A small diagram whose names hold every character the exporters must escape, for the exporter tests.
import type { DiagramModel } from '@/components/org-graph/export/diagram-model';

/** Names chosen to break naive output: XML and HTML markup, quotes, Mermaid syntax, control and astral characters. */
export const HOSTILE_NAMES = {
  root: 'Root & <Core>',
  ou: `Tom & Jerry's "prod" <OU>`,
  account: 'x"]; click n0 call alert(1) %% #quot; `md` \\n <script>alert(1)</script>',
  management: 'Mgmt\u0001 account 🚀',
} as const;

/** Root > OU > two accounts, plus the management account under the root; statuses on the accounts. */
export function sampleDiagram(overrides: Partial<DiagramModel> = {}): DiagramModel {
  return {
    title: 'Design "A" & <B>',
    nodes: [
      { id: 'r-ab12', kind: 'root', label: HOSTILE_NAMES.root, sublabel: 'r-ab12', x: 200, y: 0, width: 240, height: 72, badges: ['SCP 1'] },
      { id: 'ou-ab12-11111111', kind: 'ou', label: HOSTILE_NAMES.ou, sublabel: 'ou-ab12-11111111', x: 100, y: 140, width: 220, height: 72, badges: ['SCP 2', 'RCP 1'] },
      { id: 'acct-1', kind: 'account', label: HOSTILE_NAMES.account, sublabel: '222222222222', x: 0, y: 280, width: 220, height: 88, badges: [], status: 'explicitDeny' },
      { id: 'acct-2', kind: 'account', label: 'Workload prod', sublabel: '333333333333', x: 240, y: 280, width: 220, height: 88, badges: [], status: 'conditional' },
      { id: 'acct-m', kind: 'account', label: HOSTILE_NAMES.management, sublabel: '111111111111', x: 400, y: 140, width: 220, height: 88, badges: [], isManagement: true, status: 'allowed' },
    ],
    edges: [
      { id: 'r-ab12->ou-ab12-11111111', source: 'r-ab12', target: 'ou-ab12-11111111' },
      { id: 'ou->acct-1', source: 'ou-ab12-11111111', target: 'acct-1' },
      { id: 'ou->acct-2', source: 'ou-ab12-11111111', target: 'acct-2' },
      { id: 'r->acct-m', source: 'r-ab12', target: 'acct-m' },
    ],
    ...overrides,
  };
}
