// What the sections of a bundle share while it is read: the input, the problems and warnings, the design being
// built, and the ids every later section may refer to. A section is one top-level part of the bundle (Accounts,
// Policies, AuthorizationDetails, ...); adding a part to the bundle format means adding one section module.
import type { ControlCatalogue } from './control-catalogue';
import type { InterchangeDesign } from './model';
import type { DocumentChecker } from './document-checks';
import type { ProblemCollector } from './problems';
import type { Json, ShapeReader } from './shape-reader';

/** What an id in the organization names. */
export type TargetKind = 'ROOT' | 'OU' | 'ACCOUNT';

/** The state shared by the sections of one read. */
export interface BundleReadContext {
  /** The bundle's top-level object. */
  readonly top: Json;
  /** Shape checks that record problems. */
  readonly read: ShapeReader;
  /** Every problem found so far. */
  readonly problems: ProblemCollector;
  /** Policy document validation (memoised per read). */
  readonly documents: DocumentChecker;
  /** Data that is read but cannot be kept as given. */
  readonly warnings: string[];
  /** The design, filled section by section. */
  readonly design: InterchangeDesign;
  /** Root, OU and account ids read so far, for references (ParentId, TargetId, AccountId). */
  readonly targets: Map<string, TargetKind>;
  /** The Control Tower catalogue; undefined when the caller did not load it (the bundle has no ControlTower section). */
  readonly controlCatalogue: ControlCatalogue | undefined;
  /** Adds an account known only from its IAM data or resources: a principal outside the organization. */
  addExternalAccount(accountId: string): void;
}

/** One top-level part of the bundle and its reader. */
export interface BundleSection {
  /** The top-level keys it reads. */
  readonly keys: readonly string[];
  /** Reads those keys into `context.design`, recording problems and warnings. */
  read(context: BundleReadContext): void;
}
