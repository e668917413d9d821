import type { Meta, StoryObj } from "@storybook/react-vite";

import { ApiError } from "../api/client";
import { ErrorMessage } from "./ErrorMessage";

const meta = { component: ErrorMessage } satisfies Meta<typeof ErrorMessage>;
export default meta;
type Story = StoryObj<typeof meta>;

export const RefusedFields: Story = {
  args: {
    error: new ApiError(422, "The request is invalid.", [
      { field: "body.patients", message: "Input should be greater than or equal to 1" },
      { field: "body.batch_size", message: "Input should be less than or equal to 10000" },
    ]),
  },
};

export const NotFound: Story = { args: { error: new ApiError(404, "No job with id 1234.") } };

export const NetworkFailure: Story = { args: { error: new Error("Failed to fetch") } };
