import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { EditorToolbar, LeaveDialog } from "./EditorToolbar";

const meta = {
  title: "Scenarios/EditorToolbar",
  component: EditorToolbar,
  args: {
    validation: "valid",
    problems: 0,
    dirty: true,
    saved: true,
    onSave: fn(),
    onDiscard: fn(),
    onExport: fn(),
  },
} satisfies Meta<typeof EditorToolbar>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Valid with unsaved changes: Save is enabled. */
export const ValidUnsaved: Story = {};
/** A new draft, never saved. */
export const NewDraft: Story = { args: { saved: false } };
/** The server is checking the latest change: Save waits. */
export const Checking: Story = { args: { validation: "checking" } };
/** Not valid: Save is disabled until the problems are fixed. */
export const Invalid: Story = { args: { validation: "invalid", problems: 3 } };
/** The server could not be asked. */
export const Unreachable: Story = { args: { validation: "unreachable" } };
/** Nothing to save. */
export const AllSaved: Story = { args: { dirty: false } };
export const Saving: Story = { args: { saving: true } };
export const SaveFailed: Story = {
  args: { saveError: new ApiError(409, "A scenario with that name already exists.") },
};
/** Asked when leaving the editor with unsaved changes. */
export const Leaving: Story = {
  render: () => <LeaveDialog open onStay={fn()} onLeave={fn()} />,
};
