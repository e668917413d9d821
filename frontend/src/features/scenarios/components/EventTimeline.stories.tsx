import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { EventTimeline } from "./EventTimeline";

const meta = {
  title: "Scenarios/EventTimeline",
  component: EventTimeline,
  args: { events: s.special_events ?? [], durationDays: s.duration_days, onSelect: fn() },
} satisfies Meta<typeof EventTimeline>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The preset's events: a mass-casualty event on day 10 and a major offensive on day 20. */
export const PresetEvents: Story = {};

/** Every kind of event, some with their own duration, one running past the last day. */
export const EveryKind: Story = {
  args: {
    durationDays: 14,
    events: [
      { kind: "mass_casualty", day: 2, hour: 5, share: 0.02, front: "North" },
      { kind: "major_offensive", day: 4, hour: 3, share: 0.08, duration_hours: 72 },
      { kind: "ambush", day: 7, hour: 22, share: 0.01, front: "South" },
      {
        kind: "mass_casualty",
        day: 9,
        hour: 12,
        share: 0.03,
        triage: { T1: 0.5, T2: 0.3, T3: 0.1, T4: 0.1 },
      },
      { kind: "major_offensive", day: 13, hour: 6, share: 0.05, duration_hours: 96 },
    ],
  },
};

/** A year-long scenario: the day axis thins its ticks. */
export const LongScenario: Story = { args: { durationDays: 365 } };

/** No events: casualties follow the tempo. */
export const Empty: Story = { args: { events: [] } };
