import type { Meta, StoryObj } from "@storybook/react-vite";
import { fn } from "storybook/test";

import { NewKeyNotice } from "./NewKeyNotice";

const meta = {
  title: "Keys/NewKeyNotice",
  component: NewKeyNotice,
  args: {
    created: {
      name: "exercise-planner",
      is_admin: false,
      key: "pgk_b7Hq0pLm4sV2yXcN8rT1uW6zA3dF5gJ9kE0oQ7iY2hB",
    },
    onDone: fn(),
  },
} satisfies Meta<typeof NewKeyNotice>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Created: Story = {};
