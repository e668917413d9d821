import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import type { Scenario } from "@/lib/api/types";

import { placeErrors } from "../lib/fields";
import { sampleNations, sampleScenario as s, sampleWarfareTypes } from "../testing/fixtures";
import { Stateful } from "../testing/stateful";
import { ScenarioEditor, type EditorView } from "./ScenarioEditor";

const meta = {
  title: "Scenarios/ScenarioEditor",
  component: ScenarioEditor,
  args: {
    scenario: s,
    onChange: fn(),
    nations: sampleNations,
    warfareTypes: sampleWarfareTypes,
    errors: [],
    view: "form",
    onViewChange: fn(),
  },
  render: (args) => (
    <Stateful<{ scenario: Scenario; view: EditorView }>
      initial={{ scenario: args.scenario, view: args.view }}
    >
      {(state, set) => (
        <ScenarioEditor
          {...args}
          scenario={state.scenario}
          view={state.view}
          onChange={(change) => {
            set({ ...state, scenario: change(state.scenario) });
            args.onChange(change);
          }}
          onViewChange={(view) => set({ ...state, view })}
        />
      )}
    </Stateful>
  ),
} satisfies Meta<typeof ScenarioEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** Every setting of the default preset as a control. */
export const Form: Story = {};

/** The JSON view of the same draft. */
export const Json: Story = { args: { view: "json" } };

const invalid: Scenario = {
  ...s,
  duration_days: 400,
  special_events: (s.special_events ?? []).map((e, i) =>
    i === 0 ? { ...e, duration_hours: 400 } : e,
  ),
};

/** The server's 422: a summary linking to each field, and every message at its field. */
export const ServerErrors: Story = {
  args: {
    scenario: invalid,
    errors: placeErrors(
      [
        { field: "body.duration_days", message: "Input should be less than or equal to 365" },
        {
          field: "body.special_events[0].duration_hours",
          message: "Input should be less than or equal to 168",
        },
        { field: "body.fronts[1].nationality_mix.XXX", message: "Unknown nation code XXX" },
      ],
      invalid,
    ),
  },
};
