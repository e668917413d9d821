import type { Meta, StoryObj } from "@storybook/react-vite";

import { sampleStatistics as s, emptyStatistics as e } from "../testing/fixtures";
import { slices } from "../lib/options";
import { BreakdownChart } from "./BreakdownChart";
import { DelayChart } from "./DelayChart";
import { FacilityLoadChart } from "./FacilityLoadChart";
import { FlowSankey } from "./FlowSankey";
import { PerDayChart, PerHourOfDayChart } from "./InjuryCharts";

// Each chart alone, with data and empty.
const meta = {
  title: "Dashboard/Charts",
  component: FlowSankey,
  args: { flows: s.flows },
} satisfies Meta<typeof FlowSankey>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SankeyData: Story = {};
export const SankeyEmpty: Story = { args: { flows: [] } };
export const FacilityLoad: Story = {
  render: () => <FacilityLoadChart role="R2" load={s.facilities.R2!} />,
};
export const FacilityLoadEmpty: Story = {
  render: () => <FacilityLoadChart role="R2" load={e.facilities.R2!} />,
};
export const PerDay: Story = { render: () => <PerDayChart perDay={s.injuries.per_day} /> };
export const PerDayEmpty: Story = { render: () => <PerDayChart perDay={[]} /> };
export const PerHourOfDay: Story = {
  render: () => <PerHourOfDayChart perHour={s.injuries.per_hour_of_day} />,
};
export const PerHourOfDayEmpty: Story = {
  render: () => <PerHourOfDayChart perHour={e.injuries.per_hour_of_day} />,
};
export const Breakdown: Story = {
  render: () => (
    <BreakdownChart
      title="By nationality"
      field="Nationality"
      rows={slices(s.counts.nationality)}
    />
  ),
};
export const BreakdownEmpty: Story = {
  render: () => <BreakdownChart title="By front" field="Front" rows={[]} />,
};
export const Delay: Story = {
  render: () => (
    <DelayChart title="Time to first treatment" delays={s.time_to_first_treatment} testId="d" />
  ),
};
export const DelayEmpty: Story = {
  render: () => <DelayChart title="Time to first medical facility" delays={{}} testId="d" />,
};
