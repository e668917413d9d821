import type { Preview } from "@storybook/react-vite";
import { MemoryRouter } from "react-router";

import "../src/styles.css";

const preview: Preview = {
  decorators: [
    (Story) => (
      <MemoryRouter>
        <Story />
      </MemoryRouter>
    ),
  ],
};

export default preview;
