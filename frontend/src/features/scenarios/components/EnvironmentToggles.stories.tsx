import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { renderStateful } from "../testing/stateful";
import { EnvironmentToggles } from "./EnvironmentToggles";

const meta = {
  title: "Scenarios/EnvironmentToggles",
  component: EnvironmentToggles,
  args: { value: s.environment ?? [], onChange: fn() },
  render: renderStateful(EnvironmentToggles),
} satisfies Meta<typeof EnvironmentToggles>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Environment: Story = {};
