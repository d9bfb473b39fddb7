// What a design change does to one account's effective management policy: its own module, so the migration
// plan's types can name it without importing the impact preview (which imports the plan's calls).
import type { JsonObject, ManagementPolicyType } from '../../management/types';

/** An account whose effective management policy changes. */
export interface ManagementChange {
  /** The account. */
  accountId: string;
  /** Its name. */
  accountName: string;
  /** The policy type. */
  type: ManagementPolicyType;
  /** Effective policy before (null when none applies or the merge is invalid). */
  before: JsonObject | null;
  /** Effective policy after. */
  after: JsonObject | null;
  /** Top-level keys whose value differs (tag keys, plan names, AI services). */
  keys: string[];
}
