import type { Meta, StoryObj } from "@storybook/react-vite";

import { Card } from "./Card";

const meta = {
  title: "UI/Card",
  component: Card,
  args: { title: "Casualties per day", meta: "by triage", children: <p>Chart goes here.</p> },
} satisfies Meta<typeof Card>;
export default meta;
type Story = StoryObj<typeof meta>;

export const WithTitle: Story = {};
export const Untitled: Story = { args: { title: undefined, meta: undefined } };
