import type { Meta, StoryObj } from "@storybook/react-vite";

import { emptyStatistics as e, sampleStatistics as s } from "../testing/fixtures";
import { FacilityLoadChart } from "./FacilityLoadChart";

const meta = {
  title: "Dashboard/FacilityLoadChart",
  component: FacilityLoadChart,
  args: { role: "R2", load: s.facilities.R2! },
} satisfies Meta<typeof FacilityLoadChart>;
export default meta;
type Story = StoryObj<typeof meta>;

export const FacilityLoad: Story = {};
export const FacilityLoadEmpty: Story = { args: { load: e.facilities.R2! } };
