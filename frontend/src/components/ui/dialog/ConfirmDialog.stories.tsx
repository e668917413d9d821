import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ConfirmDialog } from "./ConfirmDialog";

const meta = {
  title: "UI/ConfirmDialog",
  component: ConfirmDialog,
  args: {
    open: true,
    title: "Cancel this job?",
    confirmLabel: "Cancel job",
    children: <p>1,000,000 patients: generation stops after the batch being written.</p>,
    onClose: fn(),
    onConfirm: fn(),
  },
} satisfies Meta<typeof ConfirmDialog>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Open: Story = {};
export const Busy: Story = { args: { busy: true } };
export const Primary: Story = {
  args: { tone: "primary", title: "Run again?", confirmLabel: "Start job" },
};
