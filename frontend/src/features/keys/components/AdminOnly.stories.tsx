import type { Meta, StoryObj } from "@storybook/react-vite";

import { AdminOnly } from "./AdminOnly";

const meta = {
  title: "Keys/AdminOnly",
  component: AdminOnly,
  args: { name: "exercise-planner" },
} satisfies Meta<typeof AdminOnly>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NotAnAdmin: Story = {};
