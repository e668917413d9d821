import type { Meta, StoryObj } from "@storybook/react-vite";
import { useState } from "react";
import { fn } from "storybook/test";

import { DEFAULT_CARDS, type CardChoice } from "../lib/cards";
import { CardOptionsFields } from "./CardOptionsFields";

const meta = {
  title: "Exports/CardOptionsFields",
  component: CardOptionsFields,
  args: { value: DEFAULT_CARDS, onChange: fn() },
  render: function Render(args) {
    const [value, setValue] = useState<CardChoice>(args.value);
    return (
      <CardOptionsFields
        {...args}
        value={value}
        onChange={(next) => {
          setValue(next);
          args.onChange(next);
        }}
      />
    );
  },
} satisfies Meta<typeof CardOptionsFields>;
export default meta;
type Story = StoryObj<typeof meta>;

/** The export's defaults: A4, 4 a page, every card. */
export const Defaults: Story = {};
/** US Letter, one TCCC-style card a page. */
export const LetterTccc: Story = {
  args: { value: { paper: "letter", per_page: 1, cards: ["tccc"] } },
};
/** No card chosen: the problem is named. */
export const NoCards: Story = { args: { value: { ...DEFAULT_CARDS, cards: [] } } };
export const Disabled: Story = { args: { disabled: true } };
