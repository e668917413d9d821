import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { emptyStatistics, runningStatistics, sampleStatistics } from "../testing/fixtures";
import { Dashboard } from "./Dashboard";

const meta = {
  title: "Dashboard/Dashboard",
  component: Dashboard,
  args: { statistics: sampleStatistics, filters: {}, onFiltersChange: fn() },
  parameters: { layout: "padded" },
} satisfies Meta<typeof Dashboard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Live: Story = { args: { statistics: runningStatistics, refreshing: true } };
export const Filtered: Story = {
  args: {
    filters: { front: "Nowhere" },
    statistics: emptyStatistics,
    choices: sampleStatistics.counts,
  },
};
export const Loading: Story = { args: { statistics: undefined } };
export const Error: Story = {
  args: {
    statistics: undefined,
    error: new ApiError(404, "No job with id 0b6f6a4e-5f1c-4e0e-9d3e-2f1f0c6d9a01."),
  },
};
export const NoPatientsYet: Story = {
  args: { statistics: { ...emptyStatistics, filters: sampleStatistics.filters, generated: 0 } },
};
