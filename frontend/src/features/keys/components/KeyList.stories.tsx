import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import { KEYS } from "../testing/fixtures";
import { KeyList } from "./KeyList";

const meta = {
  title: "Keys/KeyList",
  component: KeyList,
  args: { keys: KEYS, currentKeyId: KEYS[0].id, onRevoke: fn() },
} satisfies Meta<typeof KeyList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Empty: Story = { args: { keys: [] } };
export const Loading: Story = { args: { keys: undefined, loading: true } };
export const ConfirmRevoke: Story = { args: { initialConfirmId: KEYS[1].id } };
export const Revoking: Story = { args: { revokingId: KEYS[1].id } };
export const RevokeFailed: Story = {
  args: { revokeError: new ApiError(404, `No API key with id ${KEYS[1].id}.`) },
};
