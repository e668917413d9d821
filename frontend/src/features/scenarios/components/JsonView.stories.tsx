import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { Stateful } from "../testing/stateful";
import { JsonView } from "./JsonView";

const meta = {
  title: "Scenarios/JsonView",
  component: JsonView,
  args: { scenario: s, onChange: fn() },
  render: (args) => (
    <Stateful initial={args.scenario}>
      {(scenario, set) => (
        <JsonView
          scenario={scenario}
          onChange={(next) => {
            set(next);
            args.onChange(next);
          }}
        />
      )}
    </Stateful>
  ),
} satisfies Meta<typeof JsonView>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The same draft as JSON, for experts. */
export const Json: Story = {};
