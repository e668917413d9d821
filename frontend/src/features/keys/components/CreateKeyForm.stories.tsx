import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { CreateKeyForm } from "./CreateKeyForm";

const meta = {
  title: "Keys/CreateKeyForm",
  component: CreateKeyForm,
  args: { onSubmit: fn() },
} satisfies Meta<typeof CreateKeyForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};
export const Submitting: Story = { args: { submitting: true } };
export const NameRefused: Story = {
  args: {
    error: new ApiError(422, "Invalid request: body.name", [
      { field: "body.name", message: "String should have at most 100 characters" },
    ]),
  },
};
