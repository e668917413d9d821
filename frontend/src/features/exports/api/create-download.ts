import { useMutation } from "@tanstack/react-query";

import { api, unwrap } from "@/lib/api/client";
import type { Archive, ExportFormat, TicketRequest } from "@/lib/api/types";
import { resolveApiUrl } from "@/lib/connection";

/**
 * A ticket's request: `password` for an AES-256 encrypted ZIP (the archive must be "zip"),
 * `filters` to select patients, `card_options` to print cards-pdf.
 */
export type DownloadRequest = TicketRequest & { format: ExportFormat; archive: Archive };

/** Mints a single-use download ticket (authenticated POST; the key never goes in a URL). */
export function createDownload(jobId: string, request: DownloadRequest) {
  return unwrap(
    api().POST("/api/v1/jobs/{job_id}/downloads", {
      params: { path: { job_id: jobId } },
      body: request,
    }),
  );
}

/**
 * Hands a URL to the browser's download manager: the file streams to disk with the browser's own
 * progress and the name from Content-Disposition, never through page memory.
 */
export function startBrowserDownload(url: string): void {
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.rel = "noopener";
  anchor.style.display = "none";
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/** POST for a ticket, then let the browser fetch the ticket's URL (a plain GET, no key). */
export function useDownload(jobId: string, start: (url: string) => void = startBrowserDownload) {
  return useMutation({
    mutationFn: (request: DownloadRequest) => createDownload(jobId, request),
    onSuccess: (ticket) => start(resolveApiUrl(ticket.url)),
  });
}
