import type { Meta, StoryObj } from "@storybook/react-vite";

import { useFieldErrors } from "../components/field-errors";
import { Stateful, WithServerErrors } from "./stateful";
import { sampleScenario as s } from "./fixtures";

// The story helpers themselves: what a story sees through them.
const meta = {
  title: "Scenarios/Testing/stateful",
  component: Stateful<string>,
  args: { initial: "North", children: () => null },
} satisfies Meta<typeof Stateful<string>>;
export default meta;
type Story = StoryObj<typeof meta>;

/** `Stateful` keeps a controlled input's value, as the editor would. */
export const KeepsTheValue: Story = {
  render: (args) => (
    <Stateful initial={args.initial}>
      {(value, set) => (
        <p>
          <label>
            Front name <input value={value} onChange={(e) => set(e.target.value)} />
          </label>{" "}
          <output>kept: {value}</output>
        </p>
      )}
    </Stateful>
  ),
};

function PlacedErrors() {
  const errors = useFieldErrors();
  return (
    <dl>
      {[...errors].map(([path, messages]) => (
        <div key={path}>
          <dt>
            <code>{path}</code>
          </dt>
          <dd>{messages.join(" ")}</dd>
        </div>
      ))}
    </dl>
  );
}

/** `WithServerErrors` places the API's field names at the editor's paths. */
export const PlacesServerErrors: Story = {
  render: () => (
    <WithServerErrors
      scenario={s}
      errors={[
        { field: "body.duration_days", message: "Input should be less than or equal to 365" },
        {
          field: "body.fronts[1].nationality_mix",
          message: "Value error, the shares must sum to 1 (got 0.95)",
        },
      ]}
    >
      <PlacedErrors />
    </WithServerErrors>
  ),
};
