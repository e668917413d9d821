import type { Meta, StoryObj } from "@storybook/react-vite";

import { Badge, StatusBadge, TriageBadge } from "./Badge";

const meta = { title: "UI/Badge", component: Badge, args: { children: "new" } } satisfies Meta<
  typeof Badge
>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Tones: Story = {
  render: () => (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      <Badge tone="neutral">neutral</Badge>
      <Badge tone="info">info</Badge>
      <Badge tone="success">success</Badge>
      <Badge tone="warning">warning</Badge>
      <Badge tone="danger">danger</Badge>
    </div>
  ),
};

export const JobStatuses: Story = {
  render: () => (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      <StatusBadge status="queued" />
      <StatusBadge status="running" />
      <StatusBadge status="completed" />
      <StatusBadge status="failed" />
      <StatusBadge status="cancelled" />
    </div>
  ),
};

export const TriageCategories: Story = {
  render: () => (
    <div style={{ display: "flex", gap: 8, flexWrap: "wrap" }}>
      <TriageBadge triage="T1" />
      <TriageBadge triage="T2" />
      <TriageBadge triage="T3" />
      <TriageBadge triage="T4" />
      <TriageBadge triage="dead" />
    </div>
  ),
};
