// @vitest-environment jsdom
// The follower resumes a cut stream with Last-Event-ID and the key header, stops at the terminal
// event, and gives up on a 4xx. The server is a stand-in fetch (the real one is covered by the
// browser tests).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, expect, it, vi } from "vitest";

import { useConnection } from "@/lib/connection";

import { advance, useJobEvents, type Progress } from "./use-job-events";

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

it("never shows another job's progress on this job's page", async () => {
  // job-1's page follows its stream; the same component then shows job-2 (cached, finished)
  stubFetch([stream(progress(1, 2048))]);
  const { result, rerender } = renderHook(({ jobId, enabled }) => useJobEvents(jobId, enabled), {
    wrapper,
    initialProps: { jobId: "job-1", enabled: true },
  });
  await waitFor(() => expect(result.current.progress?.generated).toBe(2048));
  rerender({ jobId: "job-2", enabled: false });
  expect(result.current.progress).toBeNull();
  expect(result.current.error).toBeNull();
});

it("does not go backwards when a resumed stream repeats an older count", async () => {
  stubFetch([
    stream(progress(2, 3072)),
    // a reconnect that carries an older count, then the end
    stream(progress(1, 2048)),
    stream(progress(3, 4096, "completed")),
  ]);
  const seen: number[] = [];
  const { result } = renderHook(
    () => {
      const events = useJobEvents("job-3");
      if (events.progress) seen.push(events.progress.generated);
      return events;
    },
    { wrapper },
  );
  await waitFor(() => expect(result.current.progress?.status).toBe("completed"), {
    timeout: 5000,
  });
  expect(seen.every((value, i) => i === 0 || value >= seen[i - 1])).toBe(true);
  expect(seen).not.toContain(2048);
});

it("keeps the terminal event once it came", () => {
  const at = (generated: number, status: Progress["status"]): Progress => ({
    generated,
    total: 4096,
    batches: 1,
    rate: 0,
    eta_s: null,
    status,
  });
  expect(advance(at(4096, "cancelled"), at(4096, "running")).status).toBe("cancelled");
  expect(advance(at(3000, "running"), at(2000, "cancelled")).status).toBe("cancelled");
  expect(advance(at(3000, "running"), at(3500, "running")).generated).toBe(3500);
});
