import { useGraphActions } from '../graph-actions';

/** A push-pin drawn as a vector (no emoji font needed): a round head on a short needle. */
function PinIcon() {
  return (
    <svg width="10" height="12" viewBox="0 0 10 12" aria-hidden="true" focusable="false">
      <circle cx="5" cy="4" r="3.5" fill="currentColor" />
      <path d="M5 7.5V12" stroke="currentColor" strokeWidth="1.4" />
    </svg>
  );
}

/**
 * The mark in the corner of a card the user placed by hand. Where pins can be changed (the editor) it is a button
 * that gives the card back to the automatic layout; `nodrag` so clicking it never starts a drag.
 */
export function PinMarker({ id, name }: { id: string; name: string }) {
  const actions = useGraphActions();
  if (!actions?.unpin) {
    return <span className="pin-marker" role="img" aria-label="Placed by hand" title="Placed by hand"><PinIcon /></span>;
  }
  const unpin = actions.unpin;
  return (
    <button
      type="button"
      className="pin-marker nodrag"
      aria-label={`Return ${name} to the automatic layout`}
      title="Placed by hand: click to return it to the automatic layout"
      onClick={(event) => {
        event.stopPropagation();
        unpin(id);
      }}
    >
      <PinIcon />
    </button>
  );
}
