// The access view's layout off the main thread: elkjs on 240 unfolded cards takes seconds, and run on the page it
// froze every click and scroll until it finished. The view posts the flow here and receives it positioned, with its
// edges routed around the cards and their labels placed; a stage message says when elkjs is done and the edges are
// being routed.
import { placeEdgeLabels, routeAccessFlow } from './access-flow';
import { layoutAccessFlow } from './access-layout-elk';
import type { AccessLayoutReply, AccessLayoutRequest } from './access-layout-protocol';

// elkjs's bundle, evaluated above, takes the worker's onmessage for its own dispatcher when it finds itself in a
// worker; this assignment, made after the imports, puts ours back.
const scope = self as unknown as { onmessage: ((event: MessageEvent<AccessLayoutRequest>) => void) | null; postMessage: (reply: AccessLayoutReply) => void };

scope.onmessage = (event) => {
  const { id, nodes, edges } = event.data;
  void layoutAccessFlow(nodes, edges).then(
    (positioned) => {
      scope.postMessage({ id, stage: 'edges' });
      scope.postMessage({ id, nodes: positioned, edges: placeEdgeLabels(positioned, routeAccessFlow(positioned, edges)) });
    },
    (error: unknown) => scope.postMessage({ id, error: error instanceof Error ? error.message : String(error) }),
  );
};
