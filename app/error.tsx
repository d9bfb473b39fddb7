'use client';

/** Unexpected failures while rendering a page: say so plainly and offer a retry. */
export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="panel-message" role="alert">
      <p className="panel-message__title">Something went wrong.</p>
      <p className="panel-message__detail">{error.message || 'The page could not be rendered.'}</p>
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </div>
  );
}
