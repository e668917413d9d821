import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { sampleStatistics } from "../testing/fixtures";
import { PreviewCharts } from "./PreviewCharts";

// A scenario's preview beside the editor: the dashboard's charts for a sample made in memory.
const meta = {
  title: "Dashboard/PreviewCharts",
  component: PreviewCharts,
  args: {
    statistics: sampleStatistics,
    patients: 1000,
    sizes: [1000, 5000, 20000],
    onPatientsChange: fn(),
    elapsedMs: 412,
  },
  parameters: { layout: "padded" },
} satisfies Meta<typeof PreviewCharts>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
/** A newer preview is being computed: the shown one stays, marked as updating. */
export const Refreshing: Story = { args: { refreshing: true } };
export const Loading: Story = { args: { statistics: undefined, elapsedMs: null } };
/** The draft is not valid: no preview, and why. */
export const Waiting: Story = {
  args: {
    statistics: undefined,
    loading: false,
    waiting: "The preview waits for a valid scenario: 2 problems to fix.",
  },
};
export const Error: Story = {
  args: {
    statistics: undefined,
    error: new ApiError(422, "The scenario was refused."),
  },
};
