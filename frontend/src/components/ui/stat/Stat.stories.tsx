import type { Meta, StoryObj } from "@storybook/react-vite";

import { Stat, StatGroup } from "./Stat";

const meta = {
  title: "UI/Stat",
  component: Stat,
  args: { label: "Patients", value: "1,000,000" },
} satisfies Meta<typeof Stat>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Single: Story = {
  render: (args) => (
    <StatGroup label="Patients">
      <Stat {...args} />
    </StatGroup>
  ),
};
export const Group: Story = {
  render: () => (
    <StatGroup label="Outcomes">
      <Stat label="Patients" value="50,000" />
      <Stat label="Returned to duty" value="34,120" note="68.2%" accent="#2e7d32" />
      <Stat label="Killed in action" value="1,204" note="2.4%" accent="#111111" />
      <Stat label="Died of wounds" value="310" note="0.6%" accent="#111111" />
    </StatGroup>
  ),
};
