import type { Meta, StoryObj } from "@storybook/react-vite";

import { emptyStatistics as e, sampleStatistics as s } from "../testing/fixtures";
import { PerDayChart, PerHourOfDayChart } from "./InjuryCharts";

// Casualties per day of the scenario and per hour of the day.
const meta = {
  title: "Dashboard/InjuryCharts",
  component: PerDayChart,
  args: { perDay: s.injuries.per_day },
} satisfies Meta<typeof PerDayChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const PerDay: Story = {};
export const PerDayEmpty: Story = { args: { perDay: [] } };
export const PerHourOfDay: Story = {
  render: () => <PerHourOfDayChart perHour={s.injuries.per_hour_of_day} />,
};
export const PerHourOfDayEmpty: Story = {
  render: () => <PerHourOfDayChart perHour={e.injuries.per_hour_of_day} />,
};
