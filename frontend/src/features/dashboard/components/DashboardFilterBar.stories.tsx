import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleStatistics } from "../testing/fixtures";
import { DashboardFilterBar } from "./DashboardFilterBar";

const meta = {
  title: "Dashboard/DashboardFilterBar",
  component: DashboardFilterBar,
  args: { filters: {}, counts: sampleStatistics.counts, onChange: fn() },
} satisfies Meta<typeof DashboardFilterBar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NoFilter: Story = {};
export const Filtered: Story = {
  args: { filters: { nationality: "DEU", injury_type: "BATTLE_INJURY" } },
};
export const Loading: Story = { args: { counts: undefined } };
