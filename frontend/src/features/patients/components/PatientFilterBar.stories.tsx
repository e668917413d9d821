import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { PatientFilterBar } from "./PatientFilterBar";

// The patient browser's filters (kept in the URL by the page).
const meta = {
  title: "Patients/PatientFilterBar",
  component: PatientFilterBar,
  args: {
    filters: {},
    nations: [
      { code: "DEU", name: "Germany" },
      { code: "POL", name: "Poland" },
      { code: "USA", name: "United States" },
    ],
    fronts: ["North", "South", "Rear area"],
    onChange: fn(),
  },
} satisfies Meta<typeof PatientFilterBar>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Filters: Story = {};
export const FiltersSet: Story = {
  args: { filters: { triage: "T1", front: "North", final_status: "DOW" } },
};
/** The patients injured on one UTC day who reached Role 2. */
export const DayAndFacilitySet: Story = {
  args: {
    filters: { front: "North", day: "2030-06-03", facility: "R2" },
    days: { first: "2030-06-01", last: "2030-06-30" },
  },
};
