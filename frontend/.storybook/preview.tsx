import { QueryClientProvider } from "@tanstack/react-query";
import type { Preview } from "@storybook/react-vite";
import { MemoryRouter } from "react-router";

import { makeQueryClient } from "../src/lib/query-client";
import "../src/styles/tokens.css";
import "../src/styles/base.css";

const client = makeQueryClient();

const preview: Preview = {
  decorators: [
    (Story, context) => (
      <QueryClientProvider client={client}>
        {/* stories of whole pages bring their own (data) router */}
        {context.parameters.ownRouter ? (
          <Story />
        ) : (
          <MemoryRouter>
            <Story />
          </MemoryRouter>
        )}
      </QueryClientProvider>
    ),
  ],
  parameters: {
    layout: "padded",
    // the addon's panel fails a story on any violation; CI runs axe over every story too
    a11y: { test: "error" },
  },
};

export default preview;
