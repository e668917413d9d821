import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import {
  evacuatedPatient as p,
  killedInActionPatient,
  returnedToDutyPatient,
} from "../testing/fixtures";
import { ConditionsTable, TreatmentsTable } from "./ClinicalTables";
import { PatientFilterBar } from "./PatientFilterBar";
import { PatientIdentity } from "./PatientIdentity";
import { RecordViewer } from "./RecordViewer";

// The other parts of the patient page and the patient browser's filters.
const meta = {
  title: "Patients/PatientPage parts",
  component: PatientIdentity,
  args: { patient: p, nationName: "Poland" },
} satisfies Meta<typeof PatientIdentity>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Name, rank with its national title, nation, unit, service number, blood type. */
export const Identity: Story = {};
export const IdentityKilledInAction: Story = { args: { patient: killedInActionPatient } };

export const Conditions: Story = { render: () => <ConditionsTable conditions={p.conditions} /> };
export const ConditionsNone: Story = { render: () => <ConditionsTable conditions={[]} /> };
export const Treatments: Story = { render: () => <TreatmentsTable treatments={p.treatments} /> };
export const TreatmentsNone: Story = { render: () => <TreatmentsTable treatments={[]} /> };

/** An abbreviated bundle (the API's has every resource of the patient). */
const fhir = JSON.stringify({
  resourceType: "Bundle",
  id: p.id,
  type: "transaction",
  entry: [
    {
      fullUrl: `urn:uuid:${p.id}`,
      resource: {
        resourceType: "Patient",
        id: p.id,
        name: [{ family: p.demographics.family_name, given: [p.demographics.given_name] }],
      },
      request: { method: "POST", url: "Patient" },
    },
  ],
});

export const RecordNdjson: Story = {
  render: () => <RecordViewer patient={p} fhir={undefined} tab="ndjson" onTabChange={fn()} />,
};
export const RecordFhir: Story = {
  render: () => <RecordViewer patient={p} fhir={fhir} tab="fhir" onTabChange={fn()} />,
};
export const RecordFhirLoading: Story = {
  render: () => (
    <RecordViewer patient={p} fhir={undefined} fhirLoading tab="fhir" onTabChange={fn()} />
  ),
};
export const RecordFhirError: Story = {
  render: () => (
    <RecordViewer
      patient={returnedToDutyPatient}
      fhir={undefined}
      fhirError={new ApiError(404, "No patient 99999 in this job.")}
      tab="fhir"
      onTabChange={fn()}
    />
  ),
};

const nations = [
  { code: "DEU", name: "Germany" },
  { code: "POL", name: "Poland" },
  { code: "USA", name: "United States" },
];

/** The patient browser's filters (kept in the URL by the page). */
export const Filters: Story = {
  render: () => (
    <PatientFilterBar
      filters={{}}
      nations={nations}
      fronts={["North", "South", "Rear area"]}
      onChange={fn()}
    />
  ),
};
export const FiltersSet: Story = {
  render: () => (
    <PatientFilterBar
      filters={{ triage: "T1", front: "North", final_status: "DOW" }}
      nations={nations}
      fronts={["North", "South", "Rear area"]}
      onChange={fn()}
    />
  ),
};
