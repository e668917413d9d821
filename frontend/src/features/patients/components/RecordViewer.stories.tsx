import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { evacuatedPatient as p, returnedToDutyPatient } from "../testing/fixtures";
import { RecordViewer } from "./RecordViewer";

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

// The patient's record as NDJSON or as its FHIR bundle.
const meta = {
  title: "Patients/RecordViewer",
  component: RecordViewer,
  args: { patient: p, fhir: undefined, tab: "ndjson", onTabChange: fn() },
} satisfies Meta<typeof RecordViewer>;
export default meta;
type Story = StoryObj<typeof meta>;

export const RecordNdjson: Story = {};
export const RecordFhir: Story = { args: { fhir, tab: "fhir" } };
export const RecordFhirLoading: Story = { args: { fhirLoading: true, tab: "fhir" } };
export const RecordFhirError: Story = {
  args: {
    patient: returnedToDutyPatient,
    fhirError: new ApiError(404, "No patient 99999 in this job."),
    tab: "fhir",
  },
};
