import type { Meta, StoryObj } from "@storybook/react-vite";

import { evacuatedPatient as p } from "../testing/fixtures";
import { ConditionsTable, TreatmentsTable } from "./ClinicalTables";

// The patient page's conditions and treatments.
const meta = {
  title: "Patients/ClinicalTables",
  component: ConditionsTable,
  args: { conditions: p.conditions },
} satisfies Meta<typeof ConditionsTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Conditions: Story = {};
export const ConditionsNone: Story = { args: { conditions: [] } };
export const Treatments: Story = { render: () => <TreatmentsTable treatments={p.treatments} /> };
export const TreatmentsNone: Story = { render: () => <TreatmentsTable treatments={[]} /> };
