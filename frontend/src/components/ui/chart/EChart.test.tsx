// @vitest-environment jsdom
// Unmounting a chart disposes its instance and touches it no more: ECharts warns "Instance … has
// been disposed" in the console for every call made after dispose().
import { cleanup, render } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";

const calls: string[] = [];

vi.mock("@/lib/charts/echarts", () => {
  let disposed = false;
  const instance = {
    on: () => calls.push(disposed ? "on after dispose" : "on"),
    off: () => calls.push(disposed ? "off after dispose" : "off"),
    setOption: () => calls.push(disposed ? "setOption after dispose" : "setOption"),
    resize: () => {},
    dispose: () => {
      disposed = true;
      calls.push("dispose");
    },
    isDisposed: () => disposed,
  };
  return { echarts: { init: () => instance } };
});

vi.stubGlobal(
  "ResizeObserver",
  class {
    observe() {}
    disconnect() {}
  },
);

afterEach(cleanup);

it("makes no call on a disposed instance when it unmounts", async () => {
  const { EChart } = await import("./EChart");
  const { unmount } = render(<EChart option={{ series: [] }} label="A chart" />);
  unmount();
  expect(calls).toContain("dispose");
  expect(calls.filter((call) => call.endsWith("after dispose"))).toEqual([]);
});
