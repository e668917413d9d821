import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { makeJob } from "../testing/fixtures";
import { JobList } from "./JobTable";

const jobs = [
  makeJob({
    id: "1",
    status: "running",
    patients: 1_000_000,
    generated: 409_600,
    progress: 0.4096,
    finished_at: null,
  }),
  makeJob({ id: "2" }),
  makeJob({
    id: "3",
    status: "failed",
    generated: 2_048,
    progress: 0.02,
    error: "OverflowError: value out of int4 range",
  }),
  makeJob({ id: "4", status: "cancelled", patients: 3_000_000, generated: 20_480, progress: 0.01 }),
  makeJob({ id: "5", status: "queued", started_at: null, finished_at: null, generated: 0 }),
];

const meta = {
  title: "Jobs/JobList",
  component: JobList,
  args: {
    page: { items: jobs, total: 137, limit: 25, offset: 25 },
    status: "",
    onStatusChange: fn(),
    onOffsetChange: fn(),
  },
} satisfies Meta<typeof JobList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Loading: Story = { args: { page: undefined } };
export const Empty: Story = { args: { page: { items: [], total: 0, limit: 25, offset: 0 } } };
export const EmptyFiltered: Story = {
  args: { status: "failed", page: { items: [], total: 0, limit: 25, offset: 0 } },
};
export const Error: Story = {
  args: { page: undefined, error: new ApiError(500, "An unexpected error occurred.") },
};
