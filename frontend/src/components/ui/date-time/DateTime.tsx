import { formatLocal, formatUtc } from "@/lib/format";

/** An instant in 24-hour UTC; the viewer's local time on hover. */
export function DateTime({ value, seconds = false }: { value: string | null; seconds?: boolean }) {
  if (!value) return <span className="muted">–</span>;
  return (
    <time dateTime={value} title={formatLocal(value)}>
      {formatUtc(value, seconds)}
    </time>
  );
}
