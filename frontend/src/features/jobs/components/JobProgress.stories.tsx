import type { Meta, StoryObj } from "@storybook/react-vite";

import { JobProgress } from "./JobProgress";

const meta = {
  title: "Jobs/JobProgress",
  component: JobProgress,
  args: { status: "running", generated: 413_696, total: 1_000_000, rate: 68_531.2, etaS: 8.6 },
} satisfies Meta<typeof JobProgress>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Queued: Story = { args: { status: "queued", generated: 0 } };
export const Running: Story = {};
export const Completed: Story = { args: { status: "completed", generated: 1_000_000 } };
export const Failed: Story = { args: { status: "failed", generated: 2_048 } };
export const Cancelled: Story = { args: { status: "cancelled", generated: 122_880 } };
