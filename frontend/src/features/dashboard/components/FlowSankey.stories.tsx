import type { Meta, StoryObj } from "@storybook/react-vite";

import { sampleStatistics as s } from "../testing/fixtures";
import { FlowSankey } from "./FlowSankey";

const meta = {
  title: "Dashboard/FlowSankey",
  component: FlowSankey,
  args: { flows: s.flows },
} satisfies Meta<typeof FlowSankey>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SankeyData: Story = {};
export const SankeyEmpty: Story = { args: { flows: [] } };
