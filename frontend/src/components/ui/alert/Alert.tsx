import type { ReactNode } from "react";

import { ApiError } from "@/lib/api/errors";

import "./alert.css";

export type AlertTone = "info" | "success" | "warning" | "danger";

/** A message box; `danger` is announced at once (role=alert), the others politely. */
export function Alert({
  tone = "info",
  title,
  children,
}: {
  tone?: AlertTone;
  title?: string;
  children?: ReactNode;
}) {
  return (
    <div className={`alert alert--${tone}`} role={tone === "danger" ? "alert" : "status"}>
      {title && <p className="alert__title">{title}</p>}
      {children}
    </div>
  );
}

// `body`, `query`: an error about the whole request, which the message already says
const WHOLE_REQUEST = /^(body|query|path|header)$/;

/** `body.fronts[0].share` → `fronts[0].share`: the field as the user knows it. */
export function fieldLabel(field: string): string {
  return field.replace(/^(body|query|path|header)\./, "");
}

/** "30 seconds", "2 minutes": how long to wait, rounded up. */
export function waitText(seconds: number): string {
  if (seconds < 90) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `${minutes} minutes`;
  return `${Math.ceil(minutes / 60)} hours`;
}

/**
 * An API error as the user should read it: the message, when to try again (429), then each
 * refused field not already shown at its control (`shownAt` says which are).
 */
export function ErrorMessage({
  error,
  title,
  shownAt,
}: {
  error: unknown;
  title?: string;
  shownAt?: (field: string) => boolean;
}) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const api = error instanceof ApiError ? error : null;
  const fields = (api?.fields ?? []).filter(
    (f) => !WHOLE_REQUEST.test(f.field) && !shownAt?.(f.field),
  );
  return (
    <Alert tone="danger" title={title}>
      <p>{message}</p>
      {api?.status === 429 && (
        <p>
          {api.retryAfterS !== null
            ? `Try again in ${waitText(api.retryAfterS)}.`
            : "Try again in a little while."}
        </p>
      )}
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <code>{fieldLabel(f.field)}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
