import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { renderStateful, withServerErrors } from "../testing/stateful";
import { NumberField } from "./NumberField";

const meta = {
  title: "Scenarios/NumberField",
  component: NumberField,
  args: {
    label: "Duration",
    unit: "days",
    integer: true,
    path: "duration_days",
    hint: "1 – 365",
    value: 28,
    onChange: fn(),
  },
  render: renderStateful(NumberField),
} satisfies Meta<typeof NumberField>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A number as typed: text that is no number is refused at once, locally. */
export const NumberInput: Story = {};

/** The server refused the number: its message at the field. */
export const NumberServerError: Story = {
  args: { value: 400 },
  decorators: [
    withServerErrors([
      { field: "body.duration_days", message: "Input should be less than or equal to 365" },
    ]),
  ],
};
