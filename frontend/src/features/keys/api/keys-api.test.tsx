// @vitest-environment jsdom
// Creating or revoking a key sends what the API expects and refreshes the list (the server is a
// stand-in fetch; the browser test drives the real one).
import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { useConnection } from "@/lib/connection";
import { makeQueryClient } from "@/lib/query-client";

import { fakeKeysApi, makeMe } from "../testing/fixtures";
import { useCreateKey } from "./create-key";
import { useKeys } from "./get-keys";
import { useRevokeKey } from "./revoke-key";

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={makeQueryClient()}>{children}</QueryClientProvider>;
}

beforeEach(() =>
  useConnection
    .getState()
    .signIn({ baseUrl: "http://api.test/api/v1", apiKey: "pgk_admin", remember: false }),
);
afterEach(() => vi.unstubAllGlobals());

function useKeyAdmin() {
  return { list: useKeys(), create: useCreateKey(), revoke: useRevokeKey() };
}

it("creates a key and lists it afterwards", async () => {
  const server = fakeKeysApi();
  vi.stubGlobal("fetch", server.fetch);
  const { result } = renderHook(useKeyAdmin, { wrapper });
  await waitFor(() => expect(result.current.list.data).toHaveLength(3));

  let created: { key: string } | undefined;
  await act(async () => {
    created = await result.current.create.mutateAsync({ name: "team-b", is_admin: true });
  });
  expect(created?.key).toMatch(/the-whole-secret/);
  expect(server.calls.find((c) => c.method === "POST")?.body).toEqual({
    name: "team-b",
    is_admin: true,
  });
  await waitFor(() => expect(result.current.list.data?.map((k) => k.name)).toContain("team-b"));
  // the list never carries a secret
  expect(JSON.stringify(result.current.list.data)).not.toContain("the-whole-secret");
});

it("revokes a key by id and refreshes the list", async () => {
  const server = fakeKeysApi();
  vi.stubGlobal("fetch", server.fetch);
  const { result } = renderHook(useKeyAdmin, { wrapper });
  await waitFor(() => expect(result.current.list.data).toHaveLength(3));
  const target = result.current.list.data![1];

  await act(() => result.current.revoke.mutateAsync(target.id));
  expect(server.calls.some((c) => c.method === "DELETE" && c.path === `/keys/${target.id}`)).toBe(
    true,
  );
  await waitFor(() =>
    expect(result.current.list.data?.find((k) => k.id === target.id)?.revoked_at).not.toBeNull(),
  );
});

it("reads a refused create as an ApiError with the API's message", async () => {
  vi.stubGlobal("fetch", fakeKeysApi(makeMe({ is_admin: false })).fetch);
  const { result } = renderHook(useCreateKey, { wrapper });
  await act(() => result.current.mutateAsync({ name: "x" }).catch(() => undefined));
  await waitFor(() => expect(result.current.error?.message).toBe("This route needs an admin key."));
});
