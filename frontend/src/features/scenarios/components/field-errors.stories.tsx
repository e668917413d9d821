import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { FieldErrorsProvider } from "./field-errors";
import { NumberField } from "./NumberField";

// The server's 422 messages by editor path; each control shows the ones at its own path.
const meta = {
  title: "Scenarios/FieldErrorsProvider",
  component: FieldErrorsProvider,
  args: {
    errors: new Map(),
    children: (
      <>
        <NumberField
          label="Duration"
          unit="days"
          integer
          path="duration_days"
          value={400}
          onChange={fn()}
        />
        <NumberField label="Patients" integer path="patients" value={1000} onChange={fn()} />
      </>
    ),
  },
} satisfies Meta<typeof FieldErrorsProvider>;
export default meta;
type Story = StoryObj<typeof meta>;

/** No message: every control as it is. */
export const NoErrors: Story = {};

/** One message, shown at its control only. */
export const OneMessage: Story = {
  args: {
    errors: new Map([["duration_days", ["Input should be less than or equal to 365"]]]),
  },
};

/** Two messages at one path are shown together. */
export const TwoMessagesAtOnePath: Story = {
  args: {
    errors: new Map([
      [
        "duration_days",
        ["Input should be less than or equal to 365", "Value error, the preset ends on day 30"],
      ],
    ]),
  },
};
