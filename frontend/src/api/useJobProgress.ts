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
      for (let attempt = 0; !abort.signal.aborted; attempt++) {
        try {
          const headers: HeadersInit = lastEventId ? { "Last-Event-ID": lastEventId } : {};
          const response = await request({ baseUrl, apiKey }, `/jobs/${jobId}/events`, {
            headers,
            signal: abort.signal,
          });
          for await (const event of readEvents(response)) {
            if (event.id) lastEventId = event.id;
            const data = JSON.parse(event.data) as Progress;
            setProgress(data);
            if (TERMINAL.has(event.event)) {
              await queryClient.invalidateQueries({ queryKey: ["jobs"] });
              return;
            }
          }
        } catch {
          if (abort.signal.aborted) return;
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 10_000)));
      }
    }

    void follow();
    return () => abort.abort();
  }, [baseUrl, apiKey, jobId, queryClient]);

  return progress;
}
