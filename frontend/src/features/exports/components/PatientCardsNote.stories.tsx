import type { Meta, StoryObj } from "@storybook/react-vite";

import { PatientCardsNote } from "./PatientCardsNote";

const meta = {
  title: "Exports/PatientCardsNote",
  component: PatientCardsNote,
  args: {
    browserHref: "/jobs/0b6f/patients?nationality=GBR&triage=T2",
    selection: "nationality GBR, triage T2",
  },
} satisfies Meta<typeof PatientCardsNote>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};
