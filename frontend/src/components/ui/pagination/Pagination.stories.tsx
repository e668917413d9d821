import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { Pagination } from "./Pagination";

const meta = {
  title: "UI/Pagination",
  component: Pagination,
  args: { offset: 50, limit: 50, total: 1234, noun: "jobs", onChange: fn() },
} satisfies Meta<typeof Pagination>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Middle: Story = {};
export const FirstPage: Story = { args: { offset: 0 } };
export const LastPage: Story = { args: { offset: 1200 } };
export const Empty: Story = { args: { offset: 0, total: 0 } };
