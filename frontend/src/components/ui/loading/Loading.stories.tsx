import type { Meta, StoryObj } from "@storybook/react-vite";

import { Loading, Skeleton } from "./Loading";

const meta = { title: "UI/Loading", component: Loading } satisfies Meta<typeof Loading>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
export const Labelled: Story = { args: { label: "Loading statistics…" } };
export const Placeholder: Story = { render: () => <Skeleton height="10rem" /> };
