// Every route of the SPA, in one place: components link with `paths.x.href(...)`, the router
// mounts `paths.x.path`.
export const paths = {
  jobs: {
    path: "/",
    href: () => "/",
  },
  /** `/jobs` as typed in the address bar: replaced by the jobs list at `/`. */
  jobsAlias: {
    path: "/jobs",
  },
  job: {
    path: "/jobs/:jobId",
    href: (jobId: string) => `/jobs/${encodeURIComponent(jobId)}`,
  },
  scenarios: {
    path: "/scenarios",
    href: () => "/scenarios",
  },
  /** A new draft (from a preset, an import or a duplicate) that was never saved. */
  scenarioDraft: {
    path: "/scenarios/new/:draftId",
    href: (draftId: string) => `/scenarios/new/${encodeURIComponent(draftId)}`,
  },
  scenario: {
    path: "/scenarios/:scenarioId",
    href: (scenarioId: string) => `/scenarios/${encodeURIComponent(scenarioId)}`,
  },
  patients: {
    path: "/jobs/:jobId/patients",
    /** `query` holds the table's filters (nationality, front, triage, injury_type, final_status). */
    href: (jobId: string, query?: URLSearchParams | Record<string, string>) => {
      const text = new URLSearchParams(query).toString();
      return `/jobs/${encodeURIComponent(jobId)}/patients${text ? `?${text}` : ""}`;
    },
  },
  patient: {
    path: "/jobs/:jobId/patients/:index",
    href: (jobId: string, index: number) => `/jobs/${encodeURIComponent(jobId)}/patients/${index}`,
  },
  /** API keys (admin only). */
  keys: {
    path: "/keys",
    href: () => "/keys",
  },
  settings: {
    path: "/settings",
    /** `next` is where to go back once a key is accepted (an in-app path). */
    href: (next?: string, reason?: "missing" | "refused") => {
      const query = new URLSearchParams();
      if (next && next !== "/settings") query.set("next", next);
      if (reason) query.set("reason", reason);
      const text = query.toString();
      return text ? `/settings?${text}` : "/settings";
    },
  },
} as const;

/** An in-app path to return to: anything else (another origin, a scheme) goes to the jobs list. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//")) return paths.jobs.href();
  return next;
}
