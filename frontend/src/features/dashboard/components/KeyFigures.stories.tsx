import type { Meta, StoryObj } from "@storybook/react-vite";

import { runningStatistics, sampleStatistics } from "../testing/fixtures";
import { KeyFigures } from "./KeyFigures";

const meta = {
  title: "Dashboard/KeyFigures",
  component: KeyFigures,
  args: { statistics: sampleStatistics },
} satisfies Meta<typeof KeyFigures>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Final: Story = {};
export const Running: Story = { args: { statistics: runningStatistics } };
