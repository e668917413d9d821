import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { TRIAGE_LABEL } from "@/components/ui/badge/Badge";

import { INJURY_TYPES } from "../lib/labels";
import { addEntry, sharesOf, unitsOf } from "../lib/shares";
import { sampleNations, sampleScenario as s } from "../testing/fixtures";
import { Stateful, renderStateful, withServerErrors } from "../testing/stateful";
import { NationPicker, nationLabel } from "./NationPicker";
import { ShareEditor } from "./ShareEditor";

const injuryEntries = INJURY_TYPES.map((t) => ({ ...t }));

// The reusable editor of any mix that sums to 100 %: set one share and the others follow.
const meta = {
  title: "Scenarios/ShareEditor",
  component: ShareEditor,
  args: {
    legend: "Injury types",
    description: "Before the environment's factors.",
    path: "injury_mix",
    entries: injuryEntries,
    value: s.injury_mix,
    onChange: fn(),
  },
  render: renderStateful(ShareEditor),
} satisfies Meta<typeof ShareEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The injury mix of the default preset: three entries, each can be locked. */
export const InjuryMix: Story = {};

/** Triage weights (four entries, T4 usually 0). */
export const TriageWeights: Story = {
  args: {
    legend: "Battle injury",
    description: undefined,
    path: "triage_weights.battle_injury",
    entries: (["T1", "T2", "T3", "T4"] as const).map((t) => ({
      key: t,
      label: TRIAGE_LABEL[t],
      name: `${t} of battle injury`,
    })),
    value: s.triage_weights.battle_injury,
  },
};

const north = s.fronts[0]!;

/** A front's nationality mix: entries can be removed, and nations added with the picker. */
export const NationalityMix: Story = {
  args: {
    legend: `Nations on ${north.name}`,
    description: undefined,
    path: "fronts.0.nationality_mix",
    entries: [],
    value: north.nationality_mix,
    removable: true,
  },
  render: (args) => (
    <Stateful initial={args.value}>
      {(value, set) => {
        const codes = Object.keys(value);
        return (
          <ShareEditor
            {...args}
            entries={codes.map((code) => ({
              key: code,
              label: nationLabel(sampleNations, code),
              name: nationLabel(sampleNations, code),
            }))}
            value={value}
            onChange={(next) => {
              set(next);
              args.onChange(next);
            }}
            adder={
              <NationPicker
                nations={sampleNations}
                taken={codes}
                context={north.name}
                onAdd={(code) => set(sharesOf(addEntry(unitsOf(value), code)))}
              />
            }
          />
        );
      }}
    </Stateful>
  ),
};

/** A mix that came in short (an import): what is left is shown, "Spread the rest" fixes it. */
export const LeftToAssign: Story = {
  args: { value: { disease: 0.1, non_battle_injury: 0.15, battle_injury: 0.6 } },
};

/** More than 100 % (edited in the JSON view). */
export const TooMuch: Story = {
  args: { value: { disease: 0.3, non_battle_injury: 0.3, battle_injury: 0.6 } },
};

/** Two entries: no locks (moving one moves the other). */
export const TwoEntries: Story = {
  args: {
    legend: "Fronts",
    description: undefined,
    path: "fronts",
    entries: [
      { key: "0", label: "East", name: "East" },
      { key: "1", label: "West", name: "West" },
    ],
    value: { "0": 0.7, "1": 0.3 },
  },
};

/** The server's 422 at the mix and at one entry, as the editor shows them. */
export const ServerError: Story = {
  decorators: [
    withServerErrors([
      { field: "body.injury_mix", message: "Value error, the shares must sum to 1 (got 1.2)" },
      {
        field: "body.injury_mix.battle_injury",
        message: "Input should be less than or equal to 1",
      },
    ]),
  ],
  args: { value: { disease: 0.1, non_battle_injury: 0.1, battle_injury: 1 } },
};
