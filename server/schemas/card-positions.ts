// Pinned card positions on the canvas (org.cardPositions, org.pinCards, org.unpinCards): this module imports only zod.
import { z } from 'zod';
import { designIdSchema } from './design';

/** Farthest a pinned card may sit from the origin, in canvas pixels: far beyond any laid-out tree, still finite. */
export const MAX_CARD_COORDINATE = 10_000_000;

const coordinateSchema = z
  .number({ error: 'A coordinate must be a number.' })
  .finite({ error: 'A coordinate must be a finite number.' })
  .min(-MAX_CARD_COORDINATE, { error: `A coordinate must be at least ${-MAX_CARD_COORDINATE}.` })
  .max(MAX_CARD_COORDINATE, { error: `A coordinate must be at most ${MAX_CARD_COORDINATE}.` });

/** A card (OU or account, by our row id) pinned at a canvas position (its top-left corner). */
export const cardPinSchema = z.object({
  id: z.string().trim().min(1, { error: 'Card id is required.' }).max(64),
  x: coordinateSchema,
  y: coordinateSchema,
});
/** A pinned card. */
export type CardPin = z.infer<typeof cardPinSchema>;

/** What org.cardPositions answers: every pinned OU and account of the design (none pinned: an empty list). */
export const cardPositionsSchema = z.object({ pins: z.array(cardPinSchema) });
/** Every pin of a design. */
export type CardPositions = z.infer<typeof cardPositionsSchema>;

/** Input of org.pinCards: cards to pin (one drag pins one; a list keeps the door open for a group). */
export const pinCardsInputSchema = z.object({
  designId: designIdSchema,
  pins: z.array(cardPinSchema).min(1, { error: 'Name at least one card to pin.' }).max(10_000),
});
/** What org.pinCards accepts. */
export type PinCardsInput = z.infer<typeof pinCardsInputSchema>;

/** Input of org.unpinCards: the cards to give back to the automatic layout, or every card when `ids` is absent. */
export const unpinCardsInputSchema = z.object({
  designId: designIdSchema,
  ids: z.array(z.string().trim().min(1).max(64)).max(10_000).optional(),
});
/** What org.unpinCards accepts. */
export type UnpinCardsInput = z.infer<typeof unpinCardsInputSchema>;
