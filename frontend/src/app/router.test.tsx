// @vitest-environment jsdom
// The app's states around the pages: unknown routes and crashes show inside the layout, and a
// page that needs a key sends the user to Settings with the way back.
import { QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, render, screen } from "@testing-library/react";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { useConnection } from "@/lib/connection";
import { makeQueryClient } from "@/lib/query-client";

import { routes } from "./router";

function Boom(): never {
  throw new Error("the page broke");
}

function show(path: string, extra: RouteObject[] = []) {
  // the app's routes, with extra pages mounted beside its own (inside the same error boundary)
  const [layout] = routes as [RouteObject & { children: RouteObject[] }];
  const [pages] = layout.children as [RouteObject & { children: RouteObject[] }];
  const tree: RouteObject[] = [
    { ...layout, children: [{ ...pages, children: [...extra, ...pages.children] }] },
  ];
  const router = createMemoryRouter(tree, { initialEntries: [path] });
  render(
    <QueryClientProvider client={makeQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return router;
}

beforeEach(() => useConnection.getState().signOut());
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

it("shows a 404 page inside the layout for an unknown route", async () => {
  show("/no-such-page");
  expect(
    await screen.findByRole("heading", { level: 1, name: "Page not found" }, { timeout: 5000 }),
  ).toBeTruthy();
  expect(screen.getByRole("navigation", { name: "Main" })).toBeTruthy();
});

it("shows a crashed page inside the layout, not the router's developer screen", async () => {
  vi.spyOn(console, "error").mockImplementation(() => {});
  show("/boom", [{ path: "/boom", element: <Boom /> }]);
  expect(
    await screen.findByRole(
      "heading",
      { level: 1, name: "Something went wrong" },
      { timeout: 5000 },
    ),
  ).toBeTruthy();
  expect(screen.getByText("the page broke")).toBeTruthy();
  expect(screen.getByRole("navigation", { name: "Main" })).toBeTruthy();
});

it("sends a page that needs a key to Settings, remembering where it was", async () => {
  const router = show("/jobs/1234?front=North");
  expect(
    await screen.findByRole("heading", { level: 1, name: "Settings" }, { timeout: 5000 }),
  ).toBeTruthy();
  expect(router.state.location.pathname).toBe("/settings");
  expect(new URLSearchParams(router.state.location.search).get("next")).toBe(
    "/jobs/1234?front=North",
  );
  expect(screen.getByText("An API key is needed")).toBeTruthy();
});

it("moves the focus to the new page's heading after a navigation", async () => {
  const router = show("/no-such-page");
  await screen.findByRole("heading", { level: 1, name: "Page not found" }, { timeout: 5000 });
  screen.getByRole("link", { name: "Settings" }).focus();
  await act(() => router.navigate("/settings"));
  const heading = await screen.findByRole("heading", { level: 1, name: "Settings" });
  expect(document.activeElement).toBe(heading);
  // a new query string (a filter) is not a new page: the focus stays
  const field = screen.getByLabelText("API key");
  field.focus();
  await act(() => router.navigate("/settings?reason=missing"));
  expect(document.activeElement).toBe(field);
});

it("shows the layout, not a router warning, while a lazy first page loads", async () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  useConnection.getState().signIn({ baseUrl: "/api/v1", apiKey: "pgk_test", remember: false });
  vi.stubGlobal("fetch", () => new Promise<Response>(() => {}));
  show("/scenarios");
  expect(screen.getByRole("navigation", { name: "Main" })).toBeTruthy();
  await screen.findByRole("heading", { level: 1 }, { timeout: 5000 });
  expect(warn.mock.calls.map((call) => String(call[0])).join("\n")).not.toContain(
    "HydrateFallback",
  );
  vi.unstubAllGlobals();
});
