import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { ApiError } from "@/lib/api/errors";

import type { Draft } from "../stores/drafts";
import {
  sampleScenario,
  sampleScenarioPage as page,
  samplePresets,
  savedScenario,
} from "../testing/fixtures";
import { DraftList, NewScenarioPanel, ScenarioList } from "./ScenarioLibrary";

const meta = {
  title: "Scenarios/ScenarioList",
  component: ScenarioList,
  args: {
    page,
    query: "",
    onQueryChange: fn(),
    onOffsetChange: fn(),
    onDuplicate: fn(),
    onRename: fn(),
    onDelete: fn(),
    onExport: fn(),
    onStartJob: fn(),
  },
} satisfies Meta<typeof ScenarioList>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Loading: Story = { args: { page: undefined } };
export const Empty: Story = { args: { page: { items: [], total: 0, limit: 20, offset: 0 } } };
export const NoMatch: Story = {
  args: { query: "baltic", page: { items: [], total: 0, limit: 20, offset: 0 } },
};
export const Error: Story = {
  args: { page: undefined, error: new ApiError(500, "An unexpected error occurred.") },
};
export const StartingJob: Story = { args: { busyId: savedScenario.id } };
export const RenameDialog: Story = {
  args: { initialDialog: { kind: "rename", id: savedScenario.id } },
};
export const DeleteDialog: Story = {
  args: { initialDialog: { kind: "delete", id: savedScenario.id } },
};
export const StartJobDialog: Story = {
  args: { initialDialog: { kind: "job", id: savedScenario.id } },
};

/** Create from a preset (its description shown) or import a JSON file. */
export const NewScenario: Story = {
  render: () => <NewScenarioPanel presets={samplePresets} onCreate={fn()} onImport={fn()} />,
};
export const NewScenarioImportRefused: Story = {
  render: () => (
    <NewScenarioPanel
      presets={samplePresets}
      onCreate={fn()}
      onImport={fn()}
      importError="notes.txt: not JSON (Unexpected token 'N' at position 0)"
    />
  ),
};
export const NewScenarioLoading: Story = {
  render: () => <NewScenarioPanel presets={undefined} onCreate={fn()} onImport={fn()} />,
};

const drafts: Draft[] = [
  {
    id: "b2f0e1c4-7a55-4c1e-9f3a-1d2e3f4a5b6c",
    scenarioId: null,
    scenario: { ...sampleScenario, name: "Exercise North" },
    baseline: null,
    origin: "Preset: Large-scale conventional",
    updatedAt: "2026-11-29T10:02:00Z",
  },
  {
    id: savedScenario.id,
    scenarioId: savedScenario.id,
    scenario: { ...sampleScenario, duration_days: 28 },
    baseline: "{}",
    updatedAt: "2026-11-29T09:58:00Z",
  },
];

/** Drafts this browser keeps that are not saved (or have unsaved changes). */
export const UnsavedDrafts: Story = {
  render: () => <DraftList drafts={drafts} onDiscard={fn()} />,
};
