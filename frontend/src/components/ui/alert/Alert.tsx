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

/** An API error as the user should read it: the message, then each refused field. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const fields = error instanceof ApiError ? error.fields : [];
  return (
    <Alert tone="danger" title={title}>
      <p>{message}</p>
      {fields.length > 0 && (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
