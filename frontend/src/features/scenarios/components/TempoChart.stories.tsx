import type { Meta, StoryObj } from "@storybook/react-vite";

import { sampleScenario as s } from "../testing/fixtures";
import { TempoChart } from "./TempoChart";

const meta = {
  title: "Scenarios/TempoChart",
  component: TempoChart,
  args: { scenario: s },
} satisfies Meta<typeof TempoChart>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Expected casualties per day for the preset's tempo and events. */
export const Tempo: Story = {};
