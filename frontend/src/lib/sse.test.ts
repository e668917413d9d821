import { describe, expect, it } from "vitest";

import { SseParser } from "./sse";

describe("SseParser", () => {
  it("parses events split anywhere across chunks", () => {
    const text =
      'retry: 2000\n\nid: 1\nevent: progress\ndata: {"generated":2048}\n\n' +
      ": ping\n\nid: 2\nevent: completed\ndata: {}\n\n";
    for (const size of [1, 3, 7, text.length]) {
      const parser = new SseParser();
      const events = [];
      for (let at = 0; at < text.length; at += size)
        events.push(...parser.push(text.slice(at, at + size)));
      expect(events).toEqual([
        { id: "1", event: "progress", data: '{"generated":2048}' },
        { id: "2", event: "completed", data: "{}" },
      ]);
    }
  });

  it("joins multi-line data, accepts CRLF and keeps the last id", () => {
    const parser = new SseParser();
    const events = parser.push("id: 7\r\ndata: a\r\ndata: b\r\n\r\ndata: c\n\n");
    expect(events).toEqual([
      { id: "7", event: "message", data: "a\nb" },
      { id: "7", event: "message", data: "c" },
    ]);
  });

  it("holds an incomplete event back", () => {
    const parser = new SseParser();
    expect(parser.push("id: 1\ndata: x\n")).toEqual([]);
    expect(parser.push("\n")).toEqual([{ id: "1", event: "message", data: "x" }]);
  });
});
