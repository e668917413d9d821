import type { Meta, StoryObj } from "@storybook/react-vite";

import { sampleStatistics as s } from "../testing/fixtures";
import { DelayChart } from "./DelayChart";

const meta = {
  title: "Dashboard/DelayChart",
  component: DelayChart,
  args: { title: "Time to first treatment", delays: s.time_to_first_treatment, testId: "d" },
} satisfies Meta<typeof DelayChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Delay: Story = {};
export const DelayEmpty: Story = { args: { title: "Time to first medical facility", delays: {} } };
