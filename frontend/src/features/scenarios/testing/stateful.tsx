import type { Decorator } from "@storybook/react-vite";
import { useState, type ComponentType, type ReactNode } from "react";

import type { FieldError } from "@/lib/api/errors";
import type { Scenario } from "@/lib/api/types";

import { FieldErrorsProvider } from "../components/field-errors";
import { placeErrors } from "../lib/fields";
import { sampleScenario } from "./fixtures";

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

/**
 * A story's `render` for a controlled `value`/`onChange` component: the value is kept in the
 * story (starting from `args.value`) and every change still reaches `args.onChange`.
 */
export function renderStateful<P extends { value: unknown; onChange: (value: never) => void }>(
  Component: ComponentType<P>,
) {
  type T = P["value"];
  return function StatefulStory(args: P) {
    const report = args.onChange as (value: T) => void;
    return (
      <Stateful<T> initial={args.value}>
        {(value, set) => {
          const onChange = (next: T) => {
            set(next);
            report(next);
          };
          return <Component {...({ ...args, value, onChange } as P)} />;
        }}
      </Stateful>
    );
  };
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

/** A story decorator: the server refused the default preset with `errors`. */
export const withServerErrors =
  (errors: FieldError[], scenario: Scenario = sampleScenario): Decorator =>
  (Story) => (
    <WithServerErrors scenario={scenario} errors={errors}>
      <Story />
    </WithServerErrors>
  );
