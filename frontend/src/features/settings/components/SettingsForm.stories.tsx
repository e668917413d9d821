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
    me: { key_id: "5f0c", name: "dev-admin", is_admin: true },
  },
};
export const Refused: Story = {
  args: {
    initial: { baseUrl: "/api/v1", apiKey: "pgk_x", remember: false },
    reason: "refused",
    error: new ApiError(401, "Missing or invalid API key."),
  },
};
