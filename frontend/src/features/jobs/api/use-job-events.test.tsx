// @vitest-environment jsdom
// The follower resumes a cut stream with Last-Event-ID and stops at the terminal event. The
// server is a stand-in fetch (pure client logic: the real server is covered by the browser tests).
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, expect, it, vi } from "vitest";

import { useSettings } from "../stores/settings";
import { useJobProgress } from "./useJobProgress";

function stream(text: string): Response {
  return new Response(text, {
    status: 200,
    headers: { "Content-Type": "text/event-stream" },
  });
}

const progress = (id: number, generated: number, status = "running") =>
  `id: ${id}\nevent: ${status === "running" ? "progress" : status}\n` +
  `data: {"generated":${generated},"total":4096,"batches":${id},"rate":1000,"eta_s":1,"status":"${status}"}\n\n`;

afterEach(() => vi.unstubAllGlobals());

it("reconnects after a cut with Last-Event-ID and stops at the end", async () => {
  useSettings.getState().setConnection({ baseUrl: "http://api.test/api/v1", apiKey: "pgk_test" });
  const calls: { url: string; headers: Headers }[] = [];
  const replies = [stream(progress(1, 2048)), stream(progress(2, 4096, "completed"))];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, headers: new Headers(init.headers) });
      return replies.shift() ?? new Promise<Response>(() => {});
    }),
  );
  const client = new QueryClient();
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>{children}</QueryClientProvider>
  );

  const { result } = renderHook(() => useJobProgress("job-1"), { wrapper });

  await waitFor(() => expect(result.current?.status).toBe("completed"), { timeout: 5000 });
  expect(result.current?.generated).toBe(4096);
  expect(calls).toHaveLength(2);
  expect(calls.map((c) => c.url)).toEqual([
    "http://api.test/api/v1/jobs/job-1/events",
    "http://api.test/api/v1/jobs/job-1/events",
  ]);
  expect(calls[0].headers.get("Last-Event-ID")).toBeNull();
  expect(calls[1].headers.get("Last-Event-ID")).toBe("1");
  expect(calls.every((c) => c.headers.get("X-API-Key") === "pgk_test")).toBe(true);
});
