import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { PasswordDialog } from "./PasswordDialog";

const meta = {
  title: "Exports/PasswordDialog",
  component: PasswordDialog,
  args: { open: true, formatLabel: "CSV", onClose: fn(), onSubmit: fn() },
} satisfies Meta<typeof PasswordDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = {};
export const Closed: Story = { args: { open: false } };
