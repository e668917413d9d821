import type { Meta, StoryObj } from "@storybook/react-vite";

import { ApiError } from "@/lib/api/errors";

import { sampleHandovers } from "../testing/handovers";
import { HandoversSection } from "./HandoversSection";

// A patient's evacuation legs: each with its 9-line request in line order and its MIST.
const meta = {
  title: "Patients/HandoversSection",
  component: HandoversSection,
  args: { legs: sampleHandovers },
} satisfies Meta<typeof HandoversSection>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Four legs, POI → Role 1 → 2 → 3 → 4. */
export const Legs: Story = {};
/** One leg. */
export const OneLeg: Story = { args: { legs: sampleHandovers.slice(0, 1) } };
/** Never moved (killed at the point of injury, or treated where found). */
export const Empty: Story = { args: { legs: [] } };
export const Loading: Story = { args: { legs: undefined, loading: true } };
export const Failed: Story = {
  args: { legs: undefined, error: new ApiError(500, "The server could not answer.") },
};
