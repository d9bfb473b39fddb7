// What a card of an exported diagram prints, and where: one description that the SVG and PDF writers both draw,
// so the two files show the same words in the same places. Positions are in canvas units from the card's corner.
import { kindLabel, STATUS_LABELS, type DiagramNode } from './diagram-model';
import { cardColours, type Palette } from './palette';

/** Left and right padding inside a card. */
export const CARD_PADDING_X = 12;
/** Font size of a policy line on a card, and the room each line takes. */
export const POLICY_LINE_SIZE = 11;
export const POLICY_LINE_HEIGHT = 14;
/** At most this many policy lines on one card; a last line says how many more there are. */
export const MAX_POLICY_LINES = 8;

/** One run of text on a card. */
export interface CardText {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  size: number;
  bold: boolean;
  /** Monospace (ids). */
  mono: boolean;
  /** `end`: x is where the text ends. */
  anchor: 'start' | 'end';
  fill: string;
  /** Extra space between letters (the kind header is spaced). */
  letterSpacing?: number;
}

/** One badge pill. */
export interface CardBadge {
  text: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Everything printed on one card, in absolute canvas units. */
export interface CardContent {
  texts: CardText[];
  badges: CardBadge[];
}

/**
 * An estimate of rendered text width. The exporters have no font metrics (they run without a DOM), so this uses
 * the average advance of a sans-serif face; it errs wide so truncation keeps text inside its card.
 */
export function textWidth(text: string, fontSize: number, bold: boolean): number {
  return [...text].length * fontSize * (bold ? 0.62 : 0.58);
}

/** The text, cut with an ellipsis when it would overflow `room`; the full text stays in the card's tooltip. */
export function fit(text: string, room: number, fontSize: number, bold: boolean): string {
  if (textWidth(text, fontSize, bold) <= room) return text;
  const chars = [...text];
  const keep = Math.max(1, Math.floor(room / (fontSize * (bold ? 0.62 : 0.58))) - 1);
  return `${chars.slice(0, keep).join('')}…`;
}

const POLICY_TYPE_SHORT: Readonly<Record<string, string>> = {
  SERVICE_CONTROL_POLICY: 'SCP',
  RESOURCE_CONTROL_POLICY: 'RCP',
  TAG_POLICY: 'Tag',
  BACKUP_POLICY: 'Backup',
  AISERVICES_OPT_OUT_POLICY: 'AI opt-out',
  S3_POLICY: 'S3',
  CHATBOT_POLICY: 'Chatbot',
  DECLARATIVE_POLICY_EC2: 'EC2',
};

/**
 * The policy lines a card prints for its attached policies ("SCP FullAWSAccess"), at most MAX_POLICY_LINES: past
 * that the last line counts the rest.
 */
export function policyLinesOf(policies: readonly { name: string; type: string }[]): string[] {
  const lines = policies.map((policy) => `${POLICY_TYPE_SHORT[policy.type] ?? policy.type.toLowerCase()} ${policy.name}`);
  if (lines.length <= MAX_POLICY_LINES) return lines;
  return [...lines.slice(0, MAX_POLICY_LINES - 1), `+ ${lines.length - MAX_POLICY_LINES + 1} more`];
}

/** How much taller a card is when it prints `lines` policy lines. */
export function policyLinesHeight(lines: number): number {
  return lines === 0 ? 0 : lines * POLICY_LINE_HEIGHT + 4;
}

/** The texts and badges of a card, placed as the canvas places them (kind and id, name, status, policies, badges). */
export function cardContent(node: DiagramNode, palette: Palette): CardContent {
  const colours = cardColours(palette, node);
  const { x, y, width: w, height: h } = node;
  const left = x + CARD_PADDING_X;
  const right = x + w - CARD_PADDING_X;
  const inner = right - left;
  const texts: CardText[] = [];
  // The header is short as on the canvas ("MANAGEMENT", not "MANAGEMENT ACCOUNT") so the id beside it fits.
  const kind = (node.kind === 'account' && node.isManagement ? 'Management' : node.kind === 'external' ? 'External' : kindLabel(node)).toUpperCase();
  texts.push({ text: kind, x: left, y: y + 20, size: 10, bold: true, mono: false, anchor: 'start', fill: colours.muted, letterSpacing: 0.6 });
  if (node.sublabel) {
    const room = inner - textWidth(kind, 10, true) - 0.6 * kind.length - 8;
    texts.push({ text: fit(node.sublabel, room, 10.5, false), x: right, y: y + 20, size: 10.5, bold: false, mono: true, anchor: 'end', fill: colours.muted });
  }
  texts.push({ text: fit(node.label, inner, 14, true), x: left, y: y + 39, size: 14, bold: true, mono: false, anchor: 'start', fill: colours.text });
  let lineY = y + 55;
  if (node.status) {
    texts.push({ text: STATUS_LABELS[node.status], x: left, y: lineY, size: 11, bold: true, mono: false, anchor: 'start', fill: palette.statuses[node.status].stroke });
    lineY += 16;
  }
  for (const line of node.policyLines ?? []) {
    texts.push({ text: fit(line, inner, POLICY_LINE_SIZE, false), x: left, y: lineY, size: POLICY_LINE_SIZE, bold: false, mono: false, anchor: 'start', fill: colours.text });
    lineY += POLICY_LINE_HEIGHT;
  }
  const badges: CardBadge[] = [];
  let badgeX = left;
  const badgeY = y + h - 8 - 14;
  for (const badge of node.badges) {
    const badgeWidth = textWidth(badge, 10, true) + 12;
    if (badgeX + badgeWidth > right) break;
    badges.push({ text: badge, x: badgeX, y: badgeY, width: badgeWidth, height: 14 });
    badgeX += badgeWidth + 4;
  }
  return { texts, badges };
}
