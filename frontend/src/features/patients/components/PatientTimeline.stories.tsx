import type { Meta, StoryObj } from "@storybook/react-vite";

import {
  diedOfWoundsPatient,
  evacuatedPatient,
  killedInActionPatient,
  returnedToDutyPatient,
} from "../testing/fixtures";
import { PatientTimeline } from "./PatientTimeline";

// A patient's journey: a lane per role (waits hatched), the stays in order, and every event.
const meta = {
  title: "Patients/PatientTimeline",
  component: PatientTimeline,
  args: { patient: evacuatedPatient },
} satisfies Meta<typeof PatientTimeline>;
export default meta;
type Story = StoryObj<typeof meta>;

/** T1 through POI → Role 1 → 2 → 3 → 4, evacuated out of theatre. */
export const Evacuated: Story = {};
/** Died of wounds at Role 3. */
export const DiedOfWounds: Story = { args: { patient: diedOfWoundsPatient } };
/** Killed in action: the journey ends at the point of injury. */
export const KilledInAction: Story = { args: { patient: killedInActionPatient } };
/** Returned to duty. */
export const ReturnedToDuty: Story = { args: { patient: returnedToDutyPatient } };
