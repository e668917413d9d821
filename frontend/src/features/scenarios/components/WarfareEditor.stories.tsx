import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleScenario as s, sampleWarfareTypes } from "../testing/fixtures";
import { renderStateful } from "../testing/stateful";
import { WarfareEditor } from "./WarfareEditor";

const meta = {
  title: "Scenarios/WarfareEditor",
  component: WarfareEditor,
  args: { value: s.warfare, types: sampleWarfareTypes, onChange: fn() },
  render: renderStateful(WarfareEditor),
} satisfies Meta<typeof WarfareEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The default preset's warfare mix; types can be added from the catalogue. */
export const Warfare: Story = {};
