// Server-Sent Events over fetch(): EventSource cannot send the X-API-Key header, and keys never
// go in URLs. The follower resumes a cut stream with Last-Event-ID and gives up on a 4xx answer
// (401, 403, 404: asking again will not help).
import { apiUrl, authHeaders } from "@/lib/api/client";
import { ApiError, readProblem } from "@/lib/api/errors";
import { useConnection } from "@/lib/connection";

export interface SseEvent {
  id: string | null;
  event: string;
  data: string;
}

/** Incremental text/event-stream parser: feed it chunks, get the complete events back. */
export class SseParser {
  private buffer = "";
  private id: string | null = null;
  private event = "";
  private data: string[] = [];

  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let newline: number;
    while ((newline = this.buffer.search(/\r\n|\r|\n/)) >= 0) {
      // a lone CR at the very end may be the first half of a CRLF: wait for the next chunk
      if (newline === this.buffer.length - 1 && this.buffer.endsWith("\r")) break;
      const line = this.buffer.slice(0, newline);
      const width = this.buffer.startsWith("\r\n", newline) ? 2 : 1;
      this.buffer = this.buffer.slice(newline + width);
      const done = this.line(line);
      if (done) events.push(done);
    }
    return events;
  }

  private line(line: string): SseEvent | null {
    if (line === "") {
      if (this.data.length === 0 && this.event === "") return null;
      const complete = { id: this.id, event: this.event || "message", data: this.data.join("\n") };
      this.event = "";
      this.data = [];
      return complete;
    }
    if (line.startsWith(":")) return null; // a comment (the server's keep-alive ping)
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "data") this.data.push(value);
    else if (field === "event") this.event = value;
    else if (field === "id") this.id = value;
    return null;
  }
}

/** The events of a streaming response, in order, until the server closes it. */
export async function* readEvents(response: Response): AsyncGenerator<SseEvent> {
  if (!response.body) return;
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const parser = new SseParser();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield* parser.push(value);
    }
  } finally {
    reader.releaseLock();
  }
}

export interface FollowOptions {
  /** API path, e.g. `/api/v1/jobs/<id>/events`. */
  path: string;
  signal: AbortSignal;
  /** Called for each event; return true when it was the last one (the stream is done). */
  onEvent: (event: SseEvent) => boolean;
  /** Delay before reconnect attempt `n` (0-based, counted since the last delivered event). */
  backoffMs?: (attempt: number) => number;
}

const defaultBackoff = (attempt: number) => Math.min(500 * 2 ** attempt, 10_000);

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/**
 * Follows a stream until an event says it is done or the signal aborts. Reconnects after a cut
 * with Last-Event-ID; a 4xx answer ends it with that ApiError (a 401 also marks the key refused).
 */
export async function followEvents({
  path,
  signal,
  onEvent,
  backoffMs = defaultBackoff,
}: FollowOptions): Promise<void> {
  let lastEventId: string | null = null;
  let failures = 0; // in a row: a stream that delivered events starts the count again
  while (!signal.aborted) {
    try {
      const headers = authHeaders(lastEventId ? { "Last-Event-ID": lastEventId } : {});
      headers.set("Accept", "text/event-stream");
      const response = await fetch(apiUrl(path), { headers, signal });
      if (!response.ok) {
        const error = await readProblem(response);
        if (response.status === 401) useConnection.getState().markRefused();
        if (error.isClientError) throw error;
      } else {
        for await (const event of readEvents(response)) {
          failures = 0;
          if (event.id) lastEventId = event.id;
          if (onEvent(event)) return;
        }
      }
    } catch (error) {
      if (signal.aborted) return;
      if (error instanceof ApiError && error.isClientError) throw error;
      // otherwise: network trouble or a cut stream; resume below
    }
    await sleep(backoffMs(failures), signal);
    failures += 1;
  }
}
