import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import type { Front } from "@/lib/api/types";

import { sampleNations, sampleScenario as s } from "../testing/fixtures";
import { Stateful, withServerErrors } from "../testing/stateful";
import { FrontsEditor } from "./FrontsEditor";

// The editor's fronts section, working on its own copy of the default preset.
const meta = {
  title: "Scenarios/FrontsEditor",
  component: FrontsEditor,
  args: {
    fronts: s.fronts,
    nations: sampleNations,
    events: s.special_events ?? [],
    onChange: fn(),
  },
} satisfies Meta<typeof FrontsEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Fronts: add, remove, rename, their shares, and each front's nations (with the picker). */
export const Fronts: Story = {
  render: (args) => (
    <Stateful<Front[]> initial={args.fronts}>
      {(fronts, set) => (
        <FrontsEditor
          {...args}
          fronts={fronts}
          onChange={(next, events) => {
            set(next);
            args.onChange(next, events);
          }}
        />
      )}
    </Stateful>
  ),
};

/** The server refused a nationality mix: the message shows at that front's mix. */
export const FrontsServerError: Story = {
  decorators: [
    withServerErrors([
      {
        field: "body.fronts[1].nationality_mix",
        message: "Value error, the shares must sum to 1 (got 0.95)",
      },
    ]),
  ],
};
