import type { Meta, StoryObj } from "@storybook/react-vite";

import { diedOfWoundsPatient, returnedToDutyPatient, vitalsPatient } from "../testing/fixtures";
import { VitalsCharts } from "./VitalsCharts";

// Each vital sign as a small chart over time, in the patient's triage colour.
const meta = {
  title: "Patients/VitalsCharts",
  component: VitalsCharts,
  args: { vitals: vitalsPatient.vitals, triage: vitalsPatient.triage },
} satisfies Meta<typeof VitalsCharts>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A T1 patient (red), measured at several facilities. */
export const Immediate: Story = {};
export const DiedOfWounds: Story = {
  args: { vitals: diedOfWoundsPatient.vitals, triage: diedOfWoundsPatient.triage },
};
export const Minimal: Story = {
  args: { vitals: returnedToDutyPatient.vitals, triage: returnedToDutyPatient.triage },
};
/** Each triage colour on the same measurements. */
export const Delayed: Story = { args: { triage: "T2" } };
export const Expectant: Story = { args: { triage: "T4" } };
export const NoVitals: Story = { args: { vitals: [] } };
