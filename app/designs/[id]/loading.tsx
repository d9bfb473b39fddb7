/** Shown while the design page loads on the server. */
export default function DesignLoading() {
  return (
    <div className="panel-message" role="status" aria-busy="true">
      <span className="spinner" aria-hidden="true" />
      <p className="panel-message__title">Loading the design…</p>
    </div>
  );
}
