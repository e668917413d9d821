import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s } from "../testing/fixtures";
import { Stateful } from "../testing/stateful";
import { SpecialEventsEditor } from "./SpecialEventsEditor";

const meta = {
  title: "Scenarios/SpecialEventsEditor",
  component: SpecialEventsEditor,
  args: {
    events: s.special_events ?? [],
    fronts: s.fronts.map((f) => f.name),
    durationDays: s.duration_days,
    onChange: fn(),
  },
  render: (args) => (
    <Stateful initial={args.events}>
      {(events, set) => (
        <SpecialEventsEditor
          {...args}
          events={events}
          onChange={(next) => {
            set(next);
            args.onChange(next);
          }}
        />
      )}
    </Stateful>
  ),
} satisfies Meta<typeof SpecialEventsEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SpecialEvents: Story = {};
