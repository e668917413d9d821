import type { Meta, StoryObj } from "@storybook/react-vite";

import { Button } from "./Button";

const meta = {
  title: "UI/Button",
  component: Button,
  args: { children: "Start job" },
} satisfies Meta<typeof Button>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Primary: Story = { args: { variant: "primary" } };
export const Secondary: Story = { args: { variant: "secondary", children: "Run again" } };
export const Danger: Story = { args: { variant: "danger", children: "Delete job" } };
export const Ghost: Story = { args: { variant: "ghost", children: "Show table" } };
export const Small: Story = { args: { size: "sm", children: "Next" } };
export const Busy: Story = { args: { variant: "primary", busy: true, children: "Starting…" } };
export const Disabled: Story = { args: { disabled: true } };
