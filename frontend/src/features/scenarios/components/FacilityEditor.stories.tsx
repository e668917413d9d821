import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { Stateful, withServerErrors } from "../testing/stateful";
import { FacilityEditor } from "./FacilityEditor";

// One role of the chain: present, name, capacity, treatment minutes, outcomes, bypass.
const meta = {
  title: "Scenarios/FacilityEditor",
  component: FacilityEditor,
  args: { role: "R2", facility: s.chain.R2, onChange: fn() },
  render: (args) => (
    <Stateful initial={args.facility}>
      {(facility, set) => (
        <FacilityEditor
          {...args}
          facility={facility}
          onChange={(role, next) => {
            set(next);
            args.onChange(role, next);
          }}
        />
      )}
    </Stateful>
  ),
} satisfies Meta<typeof FacilityEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Role 2 of the default preset. */
export const FacilityRole2: Story = {};

/** Role 4 has no outcome matrix (everyone arriving there leaves the theatre) and no bypass. */
export const FacilityRole4: Story = { args: { role: "R4", facility: s.chain.R4 } };

/** A deployed role without a capacity: the server's error at the field. */
export const FacilityServerError: Story = {
  args: { role: "R1", facility: { ...s.chain.R1, capacity_per_hour: null } },
  decorators: [
    withServerErrors([
      {
        field: "body.chain.R1.capacity_per_hour",
        message: "Value error, a deployed Role 1 needs a capacity per hour",
      },
    ]),
  ],
};
