import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";

import type { ProgressData } from "@/lib/api/types";
import { followEvents, type SseEvent } from "@/lib/sse";

import { isActive, isJobStatus } from "@/lib/job-status";

import { jobKeys } from "./keys";

/** One `progress` (or terminal) event of `GET /jobs/{id}/events`: the generated ProgressData. */
export type Progress = ProgressData;

// The stream's bytes are not checked by the typed client: check the shape before using it.
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
  const status = typeof v.status === "string" && isJobStatus(v.status) ? v.status : null;
  if (generated === null || total === null || status === null) return null;
  return {
    generated,
    total,
    batches: num(v.batches) ?? 0,
    rate: num(v.rate) ?? 0,
    eta_s: num(v.eta_s),
    status,
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
 * The progress to show after `next` arrived: a running job's count never goes back (a resumed
 * stream or a late event re-sending an older count keeps the higher one); a terminal event is
 * shown as it is, and nothing follows it.
 */
export function advance(shown: Progress | null, next: Progress): Progress {
  if (!shown) return next;
  if (!isActive(shown.status)) return shown;
  if (isActive(next.status) && next.generated < shown.generated) return shown;
  return next;
}

const NONE: JobEvents = { progress: null, error: null };

/**
 * Live progress of a job from its event stream: resumes a cut stream with Last-Event-ID, stops at
 * the terminal event (and refreshes the job's queries) or on a 4xx answer. What it shows belongs
 * to `jobId`: another job's page (the same component, kept mounted) starts from nothing.
 */
export function useJobEvents(jobId: string, enabled = true): JobEvents {
  const queryClient = useQueryClient();
  const [state, setState] = useState<JobEvents & { jobId: string }>({ ...NONE, jobId });

  useEffect(() => {
    if (!enabled) return;
    const abort = new AbortController();
    const update = (change: (s: JobEvents) => JobEvents) =>
      setState((s) => ({ ...change(s.jobId === jobId ? s : NONE), jobId }));
    followEvents({
      path: `/api/v1/jobs/${encodeURIComponent(jobId)}/events`,
      signal: abort.signal,
      onEvent: (event) => {
        const progress = readProgress(event);
        if (progress) update((s) => ({ progress: advance(s.progress, progress), error: null }));
        if (isTerminalEvent(event.event)) {
          void queryClient.invalidateQueries({ queryKey: jobKeys.all });
          return true;
        }
        return false;
      },
    }).catch((error: unknown) => {
      if (!abort.signal.aborted) update((s) => ({ ...s, error }));
    });
    return () => abort.abort();
  }, [jobId, enabled, queryClient]);

  return state.jobId === jobId ? state : NONE;
}

const isTerminalEvent = (name: string) => isJobStatus(name) && !isActive(name);
