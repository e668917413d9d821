/** Where `make run` writes the development admin key (shown as a hint in Settings). */
export const DEV_KEY_FILE = "data/dev-admin-key.txt";

/** The API's base URL when none is configured: same origin, as when the API serves the SPA. */
export const DEFAULT_API_BASE_URL: string = import.meta.env.VITE_API_BASE_URL ?? "/api/v1";

/** The most patients one job may have (the API's limit on `patients`). */
export const MAX_PATIENTS = 100_000_000;

/** At most one live dashboard refresh per this many milliseconds while a job runs. */
export const LIVE_REFRESH_MS = 1_500;
