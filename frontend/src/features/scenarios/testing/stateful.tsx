import { useState, type ReactNode } from "react";

import type { FieldError } from "@/lib/api/errors";
import type { Scenario } from "@/lib/api/types";

import { FieldErrorsProvider } from "../components/field-errors";
import { placeErrors } from "../lib/fields";

/** Keeps a controlled component's value in the story, so it can be used as in the editor. */
export function Stateful<T>({
  initial,
  children,
}: {
  initial: T;
  children: (value: T, set: (value: T) => void) => ReactNode;
}) {
  const [value, setValue] = useState(initial);
  return <>{children(value, setValue)}</>;
}

/** The server's 422 errors for `scenario`, shown at their controls (as the editor places them). */
export function WithServerErrors({
  scenario,
  errors,
  children,
}: {
  scenario: Scenario;
  errors: FieldError[];
  children: ReactNode;
}) {
  const byField = new Map<string, string[]>();
  for (const e of placeErrors(errors, scenario))
    byField.set(e.at, [...(byField.get(e.at) ?? []), e.message]);
  return <FieldErrorsProvider errors={byField}>{children}</FieldErrorsProvider>;
}
