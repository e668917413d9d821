import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { PrintCardsPanel } from "./PrintCardsPanel";

const meta = {
  title: "Exports/PrintCardsPanel",
  component: PrintCardsPanel,
  args: { available: true, selection: "triage T1, front North", onPrint: fn() },
} satisfies Meta<typeof PrintCardsPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Cards of the browser's current filter. */
export const Filtered: Story = {};
/** On a patient's page: that patient's cards. */
export const OnePatient: Story = { args: { selection: "", who: "patient 12" } };
/** No filter: the whole job. */
export const WholeJob: Story = { args: { selection: "" } };
/** The filters select nobody: nothing to print. */
export const NoneMatch: Story = { args: { empty: true } };
export const NotYet: Story = { args: { available: false } };
export const Pending: Story = { args: { pending: true } };
export const Started: Story = { args: { started: true } };
export const Failed: Story = {
  args: { error: new ApiError(409, "Job 0b6f… is still running; export it when it completes.") },
};
