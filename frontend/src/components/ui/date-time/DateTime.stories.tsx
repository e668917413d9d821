import type { Meta, StoryObj } from "@storybook/react-vite";

import { DateTime } from "./DateTime";

const meta = {
  title: "UI/DateTime",
  component: DateTime,
  args: { value: "2026-11-28T18:04:31Z" },
} satisfies Meta<typeof DateTime>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Minutes: Story = {};
export const Seconds: Story = { args: { seconds: true } };
export const Missing: Story = { args: { value: null } };
