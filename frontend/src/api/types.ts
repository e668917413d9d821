// The API's shapes the SPA reads (see docs/api.md).

export type JobStatus = "queued" | "running" | "completed" | "failed" | "cancelled";

export interface Job {
  id: string;
  status: JobStatus;
  scenario_name: string;
  patients: number;
  generated: number;
  batches: number;
  seed: number;
  progress: number;
  error: string | null;
  created_at: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Preset {
  id: string;
  name: string;
  description: string;
}

export interface Progress {
  generated: number;
  total: number;
  batches: number;
  rate: number;
  eta_s: number | null;
  status: JobStatus;
  error?: string;
}

export interface Me {
  key_id: string;
  name: string;
  is_admin: boolean;
}
