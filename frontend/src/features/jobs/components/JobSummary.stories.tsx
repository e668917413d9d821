import type { Meta, StoryObj } from "@storybook/react-vite";

import { makeJob } from "../testing/fixtures";
import { JobSummary } from "./JobSummary";

const meta = {
  title: "Jobs/JobSummary",
  component: JobSummary,
  args: { job: makeJob() },
} satisfies Meta<typeof JobSummary>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Completed: Story = {};
export const Queued: Story = {
  args: { job: makeJob({ status: "queued", started_at: null, finished_at: null, generated: 0 }) },
};
export const Failed: Story = {
  args: {
    job: makeJob({
      status: "failed",
      generated: 2_048,
      error: "OperationalError: connection to the database was lost",
    }),
  },
};
