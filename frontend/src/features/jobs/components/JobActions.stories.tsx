import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { JobActions } from "./JobActions";

const meta = {
  title: "Jobs/JobActions",
  component: JobActions,
  args: {
    status: "running",
    patients: 3_000_000,
    generated: 1_206_272,
    seed: 42,
    onCancel: fn(),
    onDelete: fn(),
    onRunAgain: fn(),
  },
} satisfies Meta<typeof JobActions>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Running: Story = {};
export const Completed: Story = { args: { status: "completed", generated: 3_000_000 } };
export const ConfirmCancel: Story = { args: { initialDialog: "cancel" } };
export const ConfirmDelete: Story = { args: { initialDialog: "delete" } };
export const ConfirmRunAgain: Story = { args: { initialDialog: "again" } };
export const Deleting: Story = { args: { deleting: true } };
export const Refused: Story = {
  args: { error: new ApiError(404, "No job with id 0b6f6a4e-5f1c-4e0e-9d3e-2f1f0c6d9a01.") },
};
