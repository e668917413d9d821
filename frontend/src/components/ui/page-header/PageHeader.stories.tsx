import type { Meta, StoryObj } from "@storybook/react-vite";

import { Button } from "../button/Button";
import { StatusBadge } from "../badge/Badge";
import { PageHeader } from "./PageHeader";

const meta = {
  title: "UI/PageHeader",
  component: PageHeader,
  args: { title: "Jobs" },
} satisfies Meta<typeof PageHeader>;
export default meta;
type Story = StoryObj<typeof meta>;

export const TitleOnly: Story = {};
export const WithSubtitleAndActions: Story = {
  args: {
    title: "Large-scale conventional",
    subtitle: (
      <>
        <StatusBadge status="running" /> seed 42 · 1,000,000 patients
      </>
    ),
    actions: (
      <>
        <Button>Run again</Button>
        <Button variant="danger">Delete</Button>
      </>
    ),
  },
};
