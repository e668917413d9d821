import type { Meta, StoryObj } from "@storybook/react-vite";

import { JobProgressView } from "./JobProgressView";

const meta = { component: JobProgressView } satisfies Meta<typeof JobProgressView>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Queued: Story = { args: { status: "queued", generated: 0, total: 1_000_000 } };

export const Running: Story = {
  args: { status: "running", generated: 413_696, total: 1_000_000, rate: 68_531.2, etaS: 8.6 },
};

export const Completed: Story = {
  args: { status: "completed", generated: 1_000_000, total: 1_000_000 },
};

export const Cancelled: Story = {
  args: { status: "cancelled", generated: 122_880, total: 1_000_000 },
};
