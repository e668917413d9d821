// @vitest-environment jsdom
// The app's states around the pages: unknown routes and crashes show inside the layout, and a
// page that needs a key sends the user to Settings with the way back.
import { QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { createMemoryRouter, RouterProvider, type RouteObject } from "react-router";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { useConnection } from "@/lib/connection";
import { makeQueryClient } from "@/lib/query-client";
import { fakeKeysApi, makeMe } from "@/features/keys/testing/fixtures";

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
  vi.unstubAllGlobals();
});

const signIn = () =>
  useConnection
    .getState()
    .signIn({ baseUrl: "http://api.test/api/v1", apiKey: "pgk_test", remember: false });

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

it("replaces /jobs with the jobs list at /, keeping the query string", async () => {
  signIn();
  vi.stubGlobal("fetch", () => new Promise<Response>(() => {}));
  const router = show("/jobs?status=failed");
  expect(
    await screen.findByRole("heading", { level: 1, name: "Jobs" }, { timeout: 5000 }),
  ).toBeTruthy();
  expect(router.state.location.pathname).toBe("/");
  expect(router.state.location.search).toBe("?status=failed");
  expect(router.state.historyAction).toBe("REPLACE");
});

it("offers Keys in the navigation to an admin key only", async () => {
  signIn();
  const server = fakeKeysApi(makeMe({ is_admin: false }));
  vi.stubGlobal("fetch", server.fetch);
  show("/no-such-page");
  await screen.findByRole("heading", { level: 1, name: "Page not found" }, { timeout: 5000 });
  const nav = screen.getByRole("navigation", { name: "Main" });
  // /me has answered (not an admin): still no link
  await waitFor(() => expect(server.calls.map((c) => c.path)).toContain("/me"));
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(within(nav).queryByRole("link", { name: "Keys" })).toBeNull();
  cleanup();

  vi.stubGlobal("fetch", fakeKeysApi(makeMe({ is_admin: true })).fetch);
  show("/no-such-page");
  const nav2 = await screen.findByRole("navigation", { name: "Main" });
  expect(await within(nav2).findByRole("link", { name: "Keys" })).toBeTruthy();
});

it("tells a key that is not an admin that the keys page is for admins, plainly", async () => {
  signIn();
  const server = fakeKeysApi(makeMe({ is_admin: false, name: "exercise-planner" }));
  vi.stubGlobal("fetch", server.fetch);
  show("/keys");
  expect(await screen.findByText("Admin only", {}, { timeout: 5000 })).toBeTruthy();
  expect(screen.getByRole("status").textContent).toContain("exercise-planner is not one");
  expect(screen.queryByRole("alert")).toBeNull();
  // the list is not even asked for
  expect(server.calls.some((c) => c.path === "/keys")).toBe(false);
});

it("creates a key, shows it once, and revokes another after asking", async () => {
  signIn();
  const server = fakeKeysApi();
  vi.stubGlobal("fetch", server.fetch);
  show("/keys");
  await screen.findByRole("heading", { level: 1, name: "API keys" }, { timeout: 5000 });
  await screen.findByRole("button", { name: "Revoke exercise-planner" });

  fireEvent.change(screen.getByLabelText("Name"), { target: { value: "team-b" } });
  fireEvent.click(screen.getByRole("button", { name: "Create key" }));
  const field = await screen.findByLabelText<HTMLInputElement>("The new key");
  expect(field.value).toMatch(/the-whole-secret$/);
  // the list is refreshed with the new key; the secret is nowhere else on the page
  await screen.findByRole("button", { name: "Revoke team-b" });
  expect(document.body.textContent).not.toContain("the-whole-secret");
  fireEvent.click(screen.getByRole("button", { name: "Done" }));
  expect(screen.queryByLabelText("The new key")).toBeNull();
  expect(document.activeElement).toBe(screen.getByRole("heading", { name: "New key" }));

  fireEvent.click(screen.getByRole("button", { name: "Revoke team-b" }));
  fireEvent.click(screen.getByRole("button", { name: "Revoke key" }));
  await waitFor(() => expect(screen.queryByRole("button", { name: "Revoke team-b" })).toBeNull());
  expect(server.calls.filter((c) => c.method === "DELETE")).toHaveLength(1);
  expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Keys" }));
});
