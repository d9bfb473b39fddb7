// The data transformer of the tRPC API, for the server, the browser's client and the server-rendered cache handed to
// the browser: superjson (Dates survive the wire) plus one custom type, the org tree snapshot, sent as the JSON text
// of its compact form (./org-tree-wire.ts) and decoded back into an OrgTree on arrival.
import { SuperJSON } from 'superjson';
import { compactTextOf, decodeOrgTree, isOrgTreeSnapshot } from './org-tree-wire';
import type { OrgTree } from './org';

/**
 * superjson that revives values in the payload it is given instead of in a deep copy of it. Every payload it reads
 * is freshly parsed (an HTTP body, a response, the page's dehydrated cache), and the copy was the largest part of
 * reading the 5,000-account design's tree on page load: 28 ms of CPU in a performance trace, before decoding.
 */
class InPlaceSuperJSON extends SuperJSON {
  override deserialize<T = unknown>(payload: Parameters<SuperJSON['deserialize']>[0], options?: { inPlace?: boolean }): T {
    return super.deserialize<T>(payload, { inPlace: true, ...options });
  }
}

/** superjson with lzsim's wire types; use it wherever superjson would be used for API data. */
export const wireTransformer = new InPlaceSuperJSON();

wireTransformer.registerCustom<OrgTree, string>(
  {
    isApplicable: isOrgTreeSnapshot,
    // One JSON string, not the compact form's columns: see compactTextOf.
    serialize: (tree) => compactTextOf(tree) as string,
    deserialize: (text) => decodeOrgTree(JSON.parse(text)),
  },
  'lzsim.orgTree',
);
