import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { NewJobForm } from "./NewJobForm";

const presets = [
  {
    id: "large_scale_conventional",
    name: "Large-scale conventional",
    description: "Corps-level defensive and counter-offensive operations on two fronts.",
  },
  { id: "peacekeeping", name: "Peacekeeping", description: "Six-month stability operation." },
];

const meta = {
  title: "Jobs/NewJobForm",
  component: NewJobForm,
  args: { presets, onSubmit: fn() },
} satisfies Meta<typeof NewJobForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Loading: Story = { args: { presets: undefined } };
export const Error: Story = {
  args: { presets: undefined, presetsError: new ApiError(503, "Service Unavailable") },
};
export const Empty: Story = { args: { presets: [] } };
export const RefusedCount: Story = { args: { defaultPatients: "50.000", validateNow: true } };
export const Submitting: Story = { args: { submitting: true } };
export const Refused: Story = {
  args: {
    submitError: new ApiError(422, "Invalid request: body.patients", [
      { field: "body.patients", message: "Input should be less than or equal to 100000000" },
    ]),
  },
};
