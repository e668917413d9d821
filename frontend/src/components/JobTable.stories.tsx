import type { Meta, StoryObj } from "@storybook/react-vite";

import type { Job } from "../api/types";
import { JobTable } from "./JobTable";

function job(overrides: Partial<Job>): Job {
  return {
    id: "0b6f6a4e-5f1c-4e0e-9d3e-2f1f0c6d9a01",
    status: "completed",
    scenario_name: "Large-scale conventional",
    patients: 100_000,
    generated: 100_000,
    batches: 49,
    seed: 42,
    progress: 1,
    error: null,
    created_at: "2026-11-28T18:00:00Z",
    ...overrides,
  };
}

const meta = { component: JobTable } satisfies Meta<typeof JobTable>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Mixed: Story = {
  args: {
    jobs: [
      job({ id: "1", status: "running", generated: 40_960, progress: 0.4096 }),
      job({ id: "2" }),
      job({ id: "3", status: "failed", error: "OverflowError: value out of int4 range" }),
      job({ id: "4", status: "cancelled", patients: 1_000_000, generated: 20_480, progress: 0.02 }),
    ],
  },
};

export const Empty: Story = { args: { jobs: [] } };
