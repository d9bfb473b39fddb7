import 'server-only';
import { clearCardPins, loadCardPins, saveCardPins } from '../db/card-positions';
import type { Db } from '../db/client';
import type { CardPositions, PinCardsInput, UnpinCardsInput } from '../schemas/card-positions';
import { designNotFound, DomainError } from './domain-error';

// Where a user pinned cards on the canvas. A pin is a presentation choice, like the design's name: AWS has no such
// thing, so it takes no revision and no history entry. Keeping it out of the history means pinning never conflicts
// with another editor's change (no expectedRevision), never invalidates the revision-keyed tree and engine caches,
// and never shows up in diffs, plans or branches' change lists; "Re-layout" is how a pin is taken back.

/** Every pinned card of the design. */
export async function getCardPositions(db: Db, designId: string): Promise<CardPositions> {
  const pins = await loadCardPins(db, designId);
  if (!pins) throw designNotFound(designId);
  return { pins };
}

/** Pins cards where the user dropped them; NOT_FOUND naming the ids that are not an OU or member account here. */
export async function pinCards(db: Db, input: PinCardsInput): Promise<CardPositions> {
  const unknown = await saveCardPins(db, input.designId, input.pins);
  if (unknown.length > 0) {
    throw new DomainError('NOT_FOUND', `This design has no OU or member account with id ${unknown.map((id) => `"${id}"`).join(', ')}: nothing was pinned.`, { field: 'pins' });
  }
  return getCardPositions(db, input.designId);
}

/** Gives cards (or, without ids, every card) back to the automatic layout. */
export async function unpinCards(db: Db, input: UnpinCardsInput): Promise<CardPositions> {
  await clearCardPins(db, input.designId, input.ids);
  return getCardPositions(db, input.designId);
}
