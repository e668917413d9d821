import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { EChart } from "./EChart";

const days = ["Day 1", "Day 2", "Day 3", "Day 4", "Day 5"];

// One ECharts canvas: the option drawn, named for screen readers (ChartCard adds the table).
const meta = {
  title: "UI/EChart",
  component: EChart,
  args: {
    label: "Casualties per day, bar chart",
    option: {
      animation: false,
      xAxis: { type: "category", data: days },
      yAxis: { type: "value" },
      series: [{ type: "bar", data: [120, 340, 290, 610, 180], itemStyle: { color: "#1d4f91" } }],
    },
    onRendered: fn(),
  },
} satisfies Meta<typeof EChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Bar: Story = {};

/** A line chart, lower than the default 280 px. */
export const LineLow: Story = {
  args: {
    label: "Patients in Role 2 per hour, line chart",
    height: 160,
    option: {
      animation: false,
      xAxis: { type: "category", data: days },
      yAxis: { type: "value" },
      series: [{ type: "line", data: [4, 9, 7, 15, 6], itemStyle: { color: "#1d4f91" } }],
    },
  },
};

/** No series: an empty canvas (the dashboard says "no data" beside it instead). */
export const NoSeries: Story = {
  args: { label: "No data yet", option: { animation: false, series: [] } },
};
