import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import type { Front, Scenario } from "@/lib/api/types";

import { sampleNations, sampleScenario as s, sampleWarfareTypes } from "../testing/fixtures";
import { Stateful, WithServerErrors } from "../testing/stateful";
import { EnvironmentToggles } from "./EnvironmentToggles";
import { FacilityEditor } from "./FacilityEditor";
import { FrontsEditor } from "./FrontsEditor";
import { IntensityField } from "./IntensityField";
import { JsonView } from "./JsonView";
import { MinutesTable } from "./MinutesTable";
import { NumberField } from "./NumberField";
import { SpecialEventsEditor } from "./SpecialEventsEditor";
import { TempoChart } from "./TempoChart";
import { WarfareEditor } from "./WarfareEditor";

// The editor's sections one by one, each working on its own copy of the default preset.
const meta = {
  title: "Scenarios/Editor parts",
  component: FrontsEditor,
  args: {
    fronts: s.fronts,
    nations: sampleNations,
    events: s.special_events ?? [],
    onChange: fn(),
  },
} satisfies Meta<typeof FrontsEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Fronts: add, remove, rename, their shares, and each front's nations (with the picker). */
export const Fronts: Story = {
  render: (args) => (
    <Stateful<Front[]> initial={args.fronts}>
      {(fronts, set) => (
        <FrontsEditor
          {...args}
          fronts={fronts}
          onChange={(next, events) => {
            set(next);
            args.onChange(next, events);
          }}
        />
      )}
    </Stateful>
  ),
};

/** The server refused a nationality mix: the message shows at that front's mix. */
export const FrontsServerError: Story = {
  render: (args) => (
    <WithServerErrors
      scenario={s}
      errors={[
        {
          field: "body.fronts[1].nationality_mix",
          message: "Value error, the shares must sum to 1 (got 0.95)",
        },
      ]}
    >
      <FrontsEditor {...args} />
    </WithServerErrors>
  ),
};

export const Warfare: Story = {
  render: () => (
    <Stateful initial={s.warfare}>
      {(value, set) => <WarfareEditor value={value} types={sampleWarfareTypes} onChange={set} />}
    </Stateful>
  ),
};

export const Intensity: Story = {
  render: () => (
    <Stateful initial={s.intensity ?? 1}>
      {(value, set) => (
        <IntensityField
          value={value}
          battleTriage={s.triage_weights.battle_injury}
          onChange={set}
        />
      )}
    </Stateful>
  ),
};

/** Expected casualties per day for the preset's tempo and events. */
export const Tempo: Story = { render: () => <TempoChart scenario={s} /> };

export const SpecialEvents: Story = {
  render: () => (
    <Stateful initial={s.special_events ?? []}>
      {(events, set) => (
        <SpecialEventsEditor
          events={events}
          fronts={s.fronts.map((f) => f.name)}
          durationDays={s.duration_days}
          onChange={set}
        />
      )}
    </Stateful>
  ),
};

export const Environment: Story = {
  render: () => (
    <Stateful initial={s.environment ?? []}>
      {(value, set) => <EnvironmentToggles value={value} onChange={set} />}
    </Stateful>
  ),
};

/** One role of the chain: present, name, capacity, treatment minutes, outcomes, bypass. */
export const FacilityRole2: Story = {
  render: () => (
    <Stateful initial={s.chain.R2}>
      {(facility, set) => (
        <FacilityEditor role="R2" facility={facility} onChange={(_, next) => set(next)} />
      )}
    </Stateful>
  ),
};

/** Role 4 has no outcome matrix (everyone arriving there leaves the theatre) and no bypass. */
export const FacilityRole4: Story = {
  render: () => (
    <Stateful initial={s.chain.R4}>
      {(facility, set) => (
        <FacilityEditor role="R4" facility={facility} onChange={(_, next) => set(next)} />
      )}
    </Stateful>
  ),
};

/** A deployed role without a capacity: the server's error at the field. */
export const FacilityServerError: Story = {
  render: () => (
    <WithServerErrors
      scenario={s}
      errors={[
        {
          field: "body.chain.R1.capacity_per_hour",
          message: "Value error, a deployed Role 1 needs a capacity per hour",
        },
      ]}
    >
      <FacilityEditor
        role="R1"
        facility={{ ...s.chain.R1, capacity_per_hour: null }}
        onChange={fn()}
      />
    </WithServerErrors>
  ),
};

export const TransitMinutes: Story = {
  render: () => (
    <Stateful initial={s.transit_minutes.R2}>
      {(value, set) => (
        <MinutesTable
          path="transit_minutes.R2"
          caption="Transit to Role 2"
          value={value}
          onChange={set}
        />
      )}
    </Stateful>
  ),
};

/** A number as typed: text that is no number is refused at once, locally. */
export const NumberInput: Story = {
  render: () => (
    <Stateful<number | null> initial={28}>
      {(value, set) => (
        <NumberField
          label="Duration"
          unit="days"
          integer
          path="duration_days"
          hint="1 – 365"
          value={value}
          onChange={set}
        />
      )}
    </Stateful>
  ),
};

/** The server refused the number: its message at the field. */
export const NumberServerError: Story = {
  render: () => (
    <WithServerErrors
      scenario={s}
      errors={[
        { field: "body.duration_days", message: "Input should be less than or equal to 365" },
      ]}
    >
      <NumberField
        label="Duration"
        unit="days"
        integer
        path="duration_days"
        hint="1 – 365"
        value={400}
        onChange={fn()}
      />
    </WithServerErrors>
  ),
};

/** The same draft as JSON, for experts. */
export const Json: Story = {
  render: () => (
    <Stateful<Scenario> initial={s}>
      {(value, set) => <JsonView scenario={value} onChange={set} />}
    </Stateful>
  ),
};
