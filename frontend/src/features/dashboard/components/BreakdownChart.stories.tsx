import type { Meta, StoryObj } from "@storybook/react-vite";

import { slices } from "../lib/options";
import { sampleStatistics as s } from "../testing/fixtures";
import { BreakdownChart } from "./BreakdownChart";

const meta = {
  title: "Dashboard/BreakdownChart",
  component: BreakdownChart,
  args: { title: "By nationality", field: "Nationality", rows: slices(s.counts.nationality) },
} satisfies Meta<typeof BreakdownChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Breakdown: Story = {};
export const BreakdownEmpty: Story = { args: { title: "By front", field: "Front", rows: [] } };
