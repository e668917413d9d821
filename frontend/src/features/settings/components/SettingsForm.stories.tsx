import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { SettingsForm } from "./SettingsForm";

const meta = {
  title: "Settings/SettingsForm",
  component: SettingsForm,
  args: {
    initial: { baseUrl: "/api/v1", apiKey: "", remember: false },
    onSave: fn(),
    onSignOut: fn(),
  },
} satisfies Meta<typeof SettingsForm>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};
export const SentHere: Story = { args: { reason: "missing" } };
export const Checking: Story = {
  args: { initial: { baseUrl: "/api/v1", apiKey: "pgk_x", remember: false }, checking: true },
};
export const SignedIn: Story = {
  args: {
    initial: { baseUrl: "/api/v1", apiKey: "pgk_x", remember: true },
    me: {
      key_id: "5f0c",
      name: "dev-admin",
      is_admin: true,
      usage: {
        active_jobs: 1,
        max_active_jobs: null,
        patients_last_24h: 1_250_000,
        max_patients_per_day: null,
      },
    },
  },
};
export const SignedInWithQuota: Story = {
  args: {
    initial: { baseUrl: "/api/v1", apiKey: "pgk_x", remember: false },
    me: {
      key_id: "7a1d",
      name: "exercise-planner",
      is_admin: false,
      usage: {
        active_jobs: 2,
        max_active_jobs: 3,
        patients_last_24h: 4_200_000,
        max_patients_per_day: 10_000_000,
      },
    },
  },
};
export const Refused: Story = {
  args: {
    initial: { baseUrl: "/api/v1", apiKey: "pgk_x", remember: false },
    reason: "refused",
    error: new ApiError(401, "Missing or invalid API key."),
  },
};
