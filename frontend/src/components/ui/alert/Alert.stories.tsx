import type { Meta, StoryObj } from "@storybook/react-vite";

import { ApiError } from "@/lib/api/errors";

import { Alert, ErrorMessage } from "./Alert";

const meta = {
  title: "UI/Alert",
  component: Alert,
  args: { children: <p>The key is kept for this browser tab only.</p> },
} satisfies Meta<typeof Alert>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Info: Story = {};
export const Success: Story = { args: { tone: "success", title: "Signed in" } };
export const Warning: Story = { args: { tone: "warning", title: "Still running" } };
export const RefusedFields: Story = {
  render: () => (
    <ErrorMessage
      error={
        new ApiError(422, "Invalid request: body.patients", [
          { field: "body.patients", message: "Input should be greater than or equal to 1" },
          { field: "body.batch_size", message: "Input should be less than or equal to 10000" },
        ])
      }
    />
  ),
};
export const NotFound: Story = {
  render: () => <ErrorMessage error={new ApiError(404, "No job with id 1234.")} />,
};
export const NetworkFailure: Story = {
  render: () => <ErrorMessage error={new Error("Failed to fetch")} />,
};
export const QuotaExceeded: Story = {
  render: () => (
    <ErrorMessage
      title="The job was not started."
      error={
        new ApiError(
          429,
          "This key already has 4 jobs queued or running (limit 4); wait for one to end.",
          [{ field: "body", message: "quota exceeded" }],
          30,
        )
      }
    />
  ),
};
