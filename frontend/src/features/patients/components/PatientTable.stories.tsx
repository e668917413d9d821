import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { samplePatients } from "../testing/fixtures";
import { PatientTable } from "./PatientTable";

const nationNames = { POL: "Poland", DEU: "Germany", USA: "United States", ROU: "Romania" };

// The table's states: rows (virtualised), the next page loading, loading, empty, errors.
const meta = {
  title: "Patients/PatientTable",
  component: PatientTable,
  args: {
    jobId: "0b6f6a4e-5f1c-4e0e-9d3e-2f1f0c6d9a01",
    patients: samplePatients,
    nationNames,
    hasMore: false,
    onLoadMore: fn(),
    initialHeight: 480,
  },
} satisfies Meta<typeof PatientTable>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every patient loaded. */
export const Rows: Story = {};
/** More behind the cursor: the last row loads the next page. */
export const MoreToLoad: Story = { args: { hasMore: true, loadingMore: true } };
/** Only T1 (a filtered view). */
export const FilteredT1: Story = {
  args: { patients: samplePatients.filter((p) => p.triage === "T1"), filtered: true },
};
export const Loading: Story = { args: { patients: [], loading: true } };
export const Empty: Story = { args: { patients: [] } };
export const EmptyFiltered: Story = { args: { patients: [], filtered: true } };
export const Error: Story = {
  args: { patients: [], error: new ApiError(404, "No job with id 0b6f6a4e.") },
};
/** The first pages are shown; the next could not be loaded. */
export const ErrorLoadingMore: Story = {
  args: { hasMore: true, error: new ApiError(503, "The database is not reachable.") },
};
