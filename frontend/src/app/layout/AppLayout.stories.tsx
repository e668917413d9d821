import type { Meta, StoryObj } from "@storybook/react-vite";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";

import { NotFoundRoute } from "../routes/not-found";
import { RouteError } from "../routes/route-error";
import { AppLayout } from "./AppLayout";

function Boom(): never {
  throw new Error("Cannot read properties of undefined (reading 'hourly')");
}

/** The layout in a data router, as the app mounts it, with one page at `path`. */
function Page({ path, element }: { path: string; element: RouteObject["element"] }) {
  const router = createMemoryRouter(
    [
      {
        element: <AppLayout />,
        children: [{ errorElement: <RouteError />, children: [{ path, element }] }],
      },
    ],
    { initialEntries: [path] },
  );
  return <RouterProvider router={router} />;
}

const meta = {
  title: "App/AppLayout",
  component: Page,
  parameters: { ownRouter: true, layout: "fullscreen" },
  args: { path: "/scenarios", element: <NotFoundRoute /> },
} satisfies Meta<typeof Page>;
export default meta;
type Story = StoryObj<typeof meta>;

export const NotFound: Story = {};
export const PageCrashed: Story = { args: { path: "/jobs/1", element: <Boom /> } };
export const WithContent: Story = {
  args: {
    path: "/",
    element: (
      <>
        <h1>Jobs</h1>
        <p>Page content goes here.</p>
      </>
    ),
  },
};
