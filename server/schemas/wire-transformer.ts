// The data transformer of the tRPC API, for the server, the browser's client and the server-rendered cache handed to
// the browser: superjson (Dates survive the wire) plus one custom type, the org tree snapshot, sent in its compact
// form (./org-tree-wire.ts) and decoded back into an OrgTree on arrival.
import { SuperJSON } from 'superjson';
import { compactFormOf, decodeOrgTree, isOrgTreeSnapshot, type CompactOrgTree } from './org-tree-wire';
import type { OrgTree } from './org';

/** superjson with lzsim's wire types; use it wherever superjson would be used for API data. */
export const wireTransformer = new SuperJSON();

wireTransformer.registerCustom<OrgTree, CompactOrgTree>(
  {
    isApplicable: isOrgTreeSnapshot,
    serialize: (tree) => compactFormOf(tree) as CompactOrgTree,
    deserialize: (compact) => decodeOrgTree(compact),
  },
  'lzsim.orgTree',
);
