import "./loading.css";

/** A polite "Loading…" with a spinner; `label` says what is loading. */
export function Loading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="loading" role="status">
      <span className="loading__spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** A grey placeholder block of the size of what is coming. */
export function Skeleton({ height = "8rem" }: { height?: string }) {
  return <div className="skeleton" style={{ height }} aria-hidden="true" />;
}
