import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import type { JobStatus } from "@/lib/api/types";
import { followEvents, type SseEvent } from "@/lib/sse";

import { jobKeys } from "./keys";

/** One `progress` (or terminal) event of `GET /jobs/{id}/events` (see docs/jobs.md). */
export interface Progress {
  generated: number;
  total: number;
  batches: number;
  rate: number | null;
  eta_s: number | null;
  status: JobStatus;
  error?: string | null;
}

const TERMINAL = new Set(["completed", "failed", "cancelled"]);
const STATUSES = new Set<string>(["queued", "running", ...TERMINAL]);

// The SSE payload is not part of the OpenAPI document: check its shape before using it.
export function readProgress(event: SseEvent): Progress | null {
  let value: unknown;
  try {
    value = JSON.parse(event.data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const num = (x: unknown) => (typeof x === "number" && Number.isFinite(x) ? x : null);
  const generated = num(v.generated);
  const total = num(v.total);
  const status = typeof v.status === "string" && STATUSES.has(v.status) ? v.status : null;
  if (generated === null || total === null || status === null) return null;
  return {
    generated,
    total,
    batches: num(v.batches) ?? 0,
    rate: num(v.rate),
    eta_s: num(v.eta_s),
    status: status as JobStatus,
    error: typeof v.error === "string" ? v.error : null,
  };
}

export interface JobEvents {
  /** The latest event, null before the first. */
  progress: Progress | null;
  /** Why the stream stopped for good (401, 403, 404), if it did. */
  error: unknown;
}

/**
 * Live progress of a job from its event stream: resumes a cut stream with Last-Event-ID, stops at
 * the terminal event (and refreshes the job's queries) or on a 4xx answer.
 */
export function useJobEvents(jobId: string, enabled = true): JobEvents {
  const queryClient = useQueryClient();
  const [state, setState] = useState<JobEvents>({ progress: null, error: null });

  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    followEvents({
      path: `/api/v1/jobs/${encodeURIComponent(jobId)}/events`,
      signal: abort.signal,
      onEvent: (event) => {
        const progress = readProgress(event);
        if (progress) setState({ progress, error: null });
        if (TERMINAL.has(event.event)) {
          void queryClient.invalidateQueries({ queryKey: jobKeys.all });
          return true;
        }
        return false;
      },
    }).catch((error: unknown) => {
      if (!abort.signal.aborted) setState((s) => ({ ...s, error }));
    });
    return () => abort.abort();
  }, [jobId, enabled, queryClient]);

  return state;
}
