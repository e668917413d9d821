import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "react-router";

import { getJson, request } from "../api/client";
import type { Job } from "../api/types";
import { useJobProgress } from "../api/useJobProgress";
import { ErrorMessage } from "../components/ErrorMessage";
import { JobProgressView } from "../components/JobProgressView";
import { useConnection } from "../stores/settings";

const FORMATS = ["ndjson", "json", "csv", "xml", "fhir-bundle"] as const;

async function download(
  connection: ReturnType<typeof useConnection>,
  jobId: string,
  format: string,
) {
  // fetch, not a link: the key goes in a header, never in the URL
  const response = await request(connection, `/jobs/${jobId}/export?format=${format}`);
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = `patients-${jobId}.${format === "fhir-bundle" ? "ndjson" : format}`;
  anchor.click();
  URL.revokeObjectURL(url);
}

export function JobPage() {
  const { jobId = "" } = useParams();
  const connection = useConnection();
  const queryClient = useQueryClient();
  const job = useQuery({
    queryKey: ["jobs", connection.baseUrl, connection.apiKey, jobId],
    queryFn: () => getJson<Job>(connection, `/jobs/${jobId}`),
    enabled: connection.apiKey !== "",
  });
  const live = useJobProgress(jobId);
  const cancel = useMutation({
    mutationFn: () => request(connection, `/jobs/${jobId}/cancel`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["jobs"] }),
  });

  if (job.error) return <ErrorMessage error={job.error} />;
  if (!job.data) return <p>Loading…</p>;
  const status = live?.status ?? job.data.status;
  const generated = live?.generated ?? job.data.generated;
  const total = job.data.patients;
  const done = status === "completed";

  return (
    <section>
      <h1>{job.data.scenario_name}</h1>
      <p>
        Seed {job.data.seed} · {total.toLocaleString()} patients
      </p>
      <JobProgressView
        status={status}
        generated={generated}
        total={total}
        rate={live?.rate}
        etaS={live?.eta_s}
      />
      {(live?.error ?? job.data.error) && <p role="alert">{live?.error ?? job.data.error}</p>}
      <ErrorMessage error={cancel.error} />
      {(status === "queued" || status === "running") && (
        <button onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          Cancel
        </button>
      )}
      {done && (
        <p>
          Export:{" "}
          {FORMATS.map((format) => (
            <button key={format} onClick={() => void download(connection, jobId, format)}>
              {format}
            </button>
          ))}
        </p>
      )}
    </section>
  );
}
