import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { renderStateful, withServerErrors } from "../testing/stateful";
import { OutcomeMatrix } from "./OutcomeMatrix";

const r2 = s.chain.R2.outcomes!;

// Per injury type and triage: die, return to duty, evacuate onward — each row kept at 100 %.
const meta = {
  title: "Scenarios/OutcomeMatrix",
  component: OutcomeMatrix,
  args: {
    path: "chain.R2.outcomes",
    role: "Role 2",
    dieMeans: "died of wounds",
    value: r2,
    onChange: fn(),
  },
  render: renderStateful(OutcomeMatrix),
} satisfies Meta<typeof OutcomeMatrix>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Role 2 of the default preset. */
export const Role2: Story = {};

/** The point of injury: "die" there is killed in action. */
export const PointOfInjury: Story = {
  args: {
    path: "chain.POI.outcomes",
    role: "the point of injury",
    dieMeans: "killed in action",
    value: s.chain.POI.outcomes!,
  },
};

/** A row the server refused (it does not sum to 100 %), shown at that row. */
export const ServerError: Story = {
  decorators: [
    withServerErrors([
      {
        field: "body.chain.R2.outcomes.battle_injury.T1",
        message: "Value error, die + rtd + evacuate must sum to 1 (got 1.05)",
      },
    ]),
  ],
  args: {
    value: {
      ...r2,
      battle_injury: { ...r2.battle_injury, T1: { die: 0.14, rtd: 0, evacuate: 0.91 } },
    },
  },
};
