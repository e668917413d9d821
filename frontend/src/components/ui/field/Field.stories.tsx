import type { Meta, StoryObj } from "@storybook/react-vite";

import { CheckboxField, SelectField, TextField } from "./Field";

const meta = {
  title: "UI/Field",
  component: TextField,
  args: { label: "Patients", defaultValue: "50,000", inputMode: "numeric" },
} satisfies Meta<typeof TextField>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Text: Story = {};
export const WithHint: Story = { args: { hint: "1 – 100,000,000, e.g. 50,000 or 50000" } };
export const Refused: Story = {
  args: { defaultValue: "50.000", error: "Enter a whole number, e.g. 50,000 or 50000." },
};
export const Select: Story = {
  render: () => (
    <SelectField
      label="Status"
      options={[
        { value: "", label: "Any status" },
        { value: "running", label: "Running" },
        { value: "failed", label: "Failed" },
      ]}
    />
  ),
};
export const Checkbox: Story = {
  render: () => (
    <CheckboxField
      label="Remember on this device"
      hint="Kept in this browser's local storage until you sign out."
    />
  ),
};
