import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { renderStateful } from "../testing/stateful";
import { IntensityField } from "./IntensityField";

const meta = {
  title: "Scenarios/IntensityField",
  component: IntensityField,
  args: {
    value: s.intensity ?? 1,
    battleTriage: s.triage_weights.battle_injury,
    onChange: fn(),
  },
  render: renderStateful(IntensityField),
} satisfies Meta<typeof IntensityField>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Intensity: Story = {};
