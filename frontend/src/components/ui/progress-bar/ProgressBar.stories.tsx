import type { Meta, StoryObj } from "@storybook/react-vite";

import { ProgressBar } from "./ProgressBar";

const meta = {
  title: "UI/ProgressBar",
  component: ProgressBar,
  args: { value: 413_696, max: 1_000_000, label: "Generated patients" },
} satisfies Meta<typeof ProgressBar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Running: Story = {};
export const Empty: Story = { args: { value: 0 } };
export const Done: Story = { args: { value: 1_000_000, tone: "success" } };
export const Failed: Story = { args: { value: 20_480, tone: "danger" } };
