import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { DownloadPanel } from "./DownloadPanel";

const meta = {
  title: "Exports/DownloadPanel",
  component: DownloadPanel,
  args: { available: true, onDownload: fn() },
} satisfies Meta<typeof DownloadPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Ready: Story = {};
export const NotYet: Story = {
  args: { available: false, reason: "Downloads open when the job has completed." },
};
export const Pending: Story = { args: { pending: true } };
export const Started: Story = { args: { started: { format: "csv", archive: "gzip" } } };
export const Refused: Story = {
  args: { error: new ApiError(409, "Job 0b6f… is still running; export it when it completes.") },
};
export const PasswordDialogOpen: Story = { args: { initialPasswordOpen: true } };
/** Casualty cards: paper, cards per page and which cards. */
export const CasualtyCards: Story = { args: { initialFormat: "cards-pdf" } };
