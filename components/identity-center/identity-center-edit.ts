// What the Identity Center page hands its sections to change the design. Types only.
import type { EditLock } from '../sharing/use-edit-lock';

/** The base every edit sends: the design and the revision the page shows (a stale one is refused). */
export type EditBase = { designId: string; expectedRevision: number };

/** How a section runs an edit: the page shows AWS's refusal or the engine's warnings; resolves true when saved. */
export interface IdentityCenterEdit {
  designId: string;
  /** Viewers and share links see the instance and its forms with every edit control disabled, saying why. */
  lock: EditLock;
  /** The key of the edit in flight (buttons show it), or null. */
  busy: string | null;
  run: (key: string, work: (base: EditBase) => Promise<unknown>) => Promise<boolean>;
}
