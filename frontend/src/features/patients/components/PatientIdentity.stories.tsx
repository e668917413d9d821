import type { Meta, StoryObj } from "@storybook/react-vite";

import { evacuatedPatient, killedInActionPatient } from "../testing/fixtures";
import { PatientIdentity } from "./PatientIdentity";

const meta = {
  title: "Patients/PatientIdentity",
  component: PatientIdentity,
  args: { patient: evacuatedPatient, nationName: "Poland" },
} satisfies Meta<typeof PatientIdentity>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Name, rank with its national title, nation, unit, service number, blood type. */
export const Identity: Story = {};
export const IdentityKilledInAction: Story = { args: { patient: killedInActionPatient } };
