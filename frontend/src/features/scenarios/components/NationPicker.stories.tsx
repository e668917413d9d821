import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { sampleNations } from "../testing/fixtures";
import { NationPicker } from "./NationPicker";

const meta = {
  title: "Scenarios/NationPicker",
  component: NationPicker,
  args: {
    nations: sampleNations,
    taken: ["POL", "DEU", "USA", "LTU", "LVA", "EST", "NLD", "NOR"],
    context: "North",
    onAdd: fn(),
  },
} satisfies Meta<typeof NationPicker>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The NATO nations not yet in the mix, by name with their ISO 3166 alpha-3 code. */
export const Default: Story = {};
/** An empty mix: all 32 nations offered. */
export const AllOffered: Story = { args: { taken: [] } };
/** Every nation is already in the mix: nothing to add. */
export const EveryNationTaken: Story = { args: { taken: sampleNations.map((n) => n.code) } };
