import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import { request } from "./client";
import { readEvents } from "./sse";
import type { Progress } from "./types";
import { useConnection } from "../stores/settings";

const TERMINAL = new Set(["completed", "failed", "cancelled"]);

/** Live progress of a job from its SSE stream; reconnects with Last-Event-ID until the end. */
export function useJobProgress(jobId: string): Progress | null {
  const { baseUrl, apiKey } = useConnection();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Progress | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    let lastEventId: string | null = null;

    async function follow(): Promise<void> {
      let failures = 0; // in a row: a stream that delivered events starts the count again
      while (!abort.signal.aborted) {
        try {
          const headers: HeadersInit = lastEventId ? { "Last-Event-ID": lastEventId } : {};
          const response = await request({ baseUrl, apiKey }, `/jobs/${jobId}/events`, {
            headers,
            signal: abort.signal,
          });
          for await (const event of readEvents(response)) {
            failures = 0;
            if (event.id) lastEventId = event.id;
            setProgress(JSON.parse(event.data) as Progress);
            if (TERMINAL.has(event.event)) {
              await queryClient.invalidateQueries({ queryKey: ["jobs"] });
              return;
            }
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        // the stream ended early (server restart, capped lifetime, network): resume after a pause
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** failures, 10_000)));
        failures += 1;
      }
    }

    void follow();
    return () => abort.abort();
  }, [baseUrl, apiKey, jobId, queryClient]);

  return progress;
}
