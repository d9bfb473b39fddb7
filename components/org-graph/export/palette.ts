// Colours of exported diagrams, matching the canvas (app/globals.css) in the light theme, with a dark variant.
import type { DiagramNode, DiagramStatus } from './diagram-model';

/** Light or dark export. */
export type ExportTheme = 'light' | 'dark';

/** Fill, border and text colours of one card. */
export interface CardColours {
  /** Card background. */
  fill: string;
  /** Card border. */
  stroke: string;
  /** The 4 px bar on the card's left edge (the canvas marks OUs, accounts and the management account so). */
  accent: string;
  /** Name text. */
  text: string;
  /** Kind and id text. */
  muted: string;
}

/** Colours of a status: the card's border and tint, and the legend swatch. */
export interface StatusColours {
  /** Border and swatch colour. */
  stroke: string;
  /** Card tint. */
  fill: string;
}

/** Everything an exporter needs to colour a diagram. */
export interface Palette {
  /** Page background. */
  background: string;
  /** Title and legend text. */
  text: string;
  /** Edge colour. */
  edge: string;
  /** Badge pill background and text. */
  badge: { fill: string; text: string };
  /** Card colours per kind (management accounts have their own). */
  cards: Record<'root' | 'ou' | 'account' | 'management' | 'external', CardColours>;
  /** Colours per status. */
  statuses: Record<DiagramStatus, StatusColours>;
}

const LIGHT: Palette = {
  background: '#f9fafb',
  text: '#16202c',
  edge: '#9aa6b6',
  badge: { fill: '#e8eef8', text: '#3b5b92' },
  cards: {
    root: { fill: '#232f3e', stroke: '#232f3e', accent: '#232f3e', text: '#ffffff', muted: '#aab6c6' },
    ou: { fill: '#f7f9fc', stroke: '#c3ccd8', accent: '#516079', text: '#16202c', muted: '#6b7788' },
    account: { fill: '#ffffff', stroke: '#c3ccd8', accent: '#c3ccd8', text: '#16202c', muted: '#6b7788' },
    management: { fill: '#fff4e5', stroke: '#c3ccd8', accent: '#ff9900', text: '#16202c', muted: '#b35f00' },
    external: { fill: '#fff7ed', stroke: '#c2410c', accent: '#c2410c', text: '#16202c', muted: '#9a3412' },
  },
  statuses: {
    allowed: { stroke: '#1f7a3a', fill: '#e7f6ec' },
    explicitDeny: { stroke: '#b42318', fill: '#fdecea' },
    implicitDeny: { stroke: '#b54708', fill: '#fff4e0' },
    conditional: { stroke: '#6941c6', fill: '#f1ecfb' },
  },
};

const DARK: Palette = {
  background: '#111827',
  text: '#e5e9f0',
  edge: '#5b6778',
  badge: { fill: '#263449', text: '#a9c1ea' },
  cards: {
    root: { fill: '#0b1220', stroke: '#3b4a60', accent: '#3b4a60', text: '#ffffff', muted: '#8d9ab0' },
    ou: { fill: '#1b2433', stroke: '#3b4a60', accent: '#8293b0', text: '#e5e9f0', muted: '#97a3b6' },
    account: { fill: '#1f2937', stroke: '#3b4a60', accent: '#4b5a70', text: '#e5e9f0', muted: '#97a3b6' },
    management: { fill: '#3a2a12', stroke: '#3b4a60', accent: '#ff9900', text: '#f5e6d0', muted: '#f0b866' },
    external: { fill: '#3a1f10', stroke: '#fb923c', accent: '#fb923c', text: '#f5e6d0', muted: '#fdba74' },
  },
  statuses: {
    allowed: { stroke: '#4ade80', fill: '#12301f' },
    explicitDeny: { stroke: '#f87171', fill: '#3a1717' },
    implicitDeny: { stroke: '#fbbf24', fill: '#35290f' },
    conditional: { stroke: '#a78bfa', fill: '#2a2143' },
  },
};

/** The palette of a theme. */
export function paletteFor(theme: ExportTheme): Palette {
  if (theme !== 'light' && theme !== 'dark') throw new Error(`Unknown export theme "${String(theme)}": use "light" or "dark".`);
  return theme === 'dark' ? DARK : LIGHT;
}

/** A card's colours: by kind, then tinted and bordered by its status when it has one. */
export function cardColours(palette: Palette, node: DiagramNode): CardColours {
  const base = palette.cards[node.kind === 'account' && node.isManagement ? 'management' : node.kind];
  if (!node.status || node.kind === 'root') return base;
  const status = palette.statuses[node.status];
  return { ...base, fill: status.fill, stroke: status.stroke };
}
