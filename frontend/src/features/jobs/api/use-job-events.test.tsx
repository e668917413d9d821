// @vitest-environment jsdom
// The follower resumes a cut stream with Last-Event-ID and the key header, stops at the terminal
// event, and gives up on a 4xx. The server is a stand-in fetch (the real one is covered by the
// browser tests).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { useConnection } from "@/lib/connection";

import { useJobEvents } from "./use-job-events";

function stream(text: string): Response {
  return new Response(text, { status: 200, headers: { "Content-Type": "text/event-stream" } });
}

const progress = (id: number, generated: number, status = "running") =>
  `id: ${id}\nevent: ${status === "running" ? "progress" : status}\n` +
  `data: {"generated":${generated},"total":4096,"batches":${id},"rate":1000,"eta_s":1,"status":"${status}"}\n\n`;

const wrapper = ({ children }: { children: ReactNode }) => (
  <QueryClientProvider client={new QueryClient()}>{children}</QueryClientProvider>
);

beforeEach(() => {
  useConnection.getState().signIn({
    baseUrl: "http://api.test/api/v1",
    apiKey: "pgk_test",
    remember: false,
  });
});
afterEach(() => vi.unstubAllGlobals());

function stubFetch(replies: Response[]) {
  const calls: { url: string; headers: Headers }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, headers: new Headers(init.headers) });
      return replies.shift() ?? new Promise<Response>(() => {});
    }),
  );
  return calls;
}

it("reconnects after a cut with Last-Event-ID and stops at the end", async () => {
  const calls = stubFetch([stream(progress(1, 2048)), stream(progress(2, 4096, "completed"))]);
  const { result } = renderHook(() => useJobEvents("job-1"), { wrapper });

  await waitFor(() => expect(result.current.progress?.status).toBe("completed"), {
    timeout: 5000,
  });
  expect(result.current.progress?.generated).toBe(4096);
  expect(calls.map((c) => c.url)).toEqual([
    "http://api.test/api/v1/jobs/job-1/events",
    "http://api.test/api/v1/jobs/job-1/events",
  ]);
  expect(calls[0].headers.get("Last-Event-ID")).toBeNull();
  expect(calls[1].headers.get("Last-Event-ID")).toBe("1");
  expect(calls.every((c) => c.headers.get("X-API-Key") === "pgk_test")).toBe(true);
});

it.each([401, 403, 404])("stops for good on %i (no retry loop)", async (status) => {
  const problem = new Response(JSON.stringify({ title: "refused", status }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });
  const calls = stubFetch([problem]);
  const { result } = renderHook(() => useJobEvents("job-2"), { wrapper });

  await waitFor(() => expect(result.current.error).toBeTruthy());
  await new Promise((resolve) => setTimeout(resolve, 800)); // past the first backoff
  expect(calls).toHaveLength(1);
  expect(useConnection.getState().refused).toBe(status === 401);
});
