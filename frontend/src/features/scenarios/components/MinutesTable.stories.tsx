import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { renderStateful } from "../testing/stateful";
import { MinutesTable } from "./MinutesTable";

const meta = {
  title: "Scenarios/MinutesTable",
  component: MinutesTable,
  args: {
    path: "transit_minutes.R2",
    caption: "Transit to Role 2",
    value: s.transit_minutes.R2,
    onChange: fn(),
  },
  render: renderStateful(MinutesTable),
} satisfies Meta<typeof MinutesTable>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Minimum and maximum minutes per triage category. */
export const TransitMinutes: Story = {};
