import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link, useNavigate } from "react-router";

import { getJson, postJson } from "../api/client";
import type { Job, Page, Preset } from "../api/types";
import { ErrorMessage } from "../components/ErrorMessage";
import { JobTable } from "../components/JobTable";
import { useConnection } from "../stores/settings";

function NewJobForm() {
  const connection = useConnection();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ preset: "", patients: "10000", seed: "" });
  const presets = useQuery({
    queryKey: ["presets", connection.baseUrl],
    queryFn: () => getJson<Preset[]>(connection, "/reference/presets"),
    staleTime: Infinity,
  });
  const create = useMutation({
    mutationFn: async () => {
      const preset = form.preset || presets.data?.[0]?.id;
      const scenario = await getJson<object>(connection, `/reference/presets/${preset}`);
      return postJson<Job>(connection, "/jobs", {
        scenario,
        patients: Number(form.patients),
        ...(form.seed ? { seed: Number(form.seed) } : {}),
      });
    },
    onSuccess: async (job) => {
      await queryClient.invalidateQueries({ queryKey: ["jobs"] });
      navigate(`/jobs/${job.id}`);
    },
  });

  return (
    <form
      aria-label="New job"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <label>
        Scenario
        <select value={form.preset} onChange={(e) => setForm({ ...form, preset: e.target.value })}>
          {presets.data?.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Patients
        <input
          inputMode="numeric"
          value={form.patients}
          onChange={(e) => setForm({ ...form, patients: e.target.value })}
        />
      </label>
      <label>
        Seed (optional)
        <input
          inputMode="numeric"
          value={form.seed}
          onChange={(e) => setForm({ ...form, seed: e.target.value })}
        />
      </label>
      {/* a job needs a scenario: wait for the presets (a click before would send none) */}
      <button type="submit" disabled={create.isPending || !presets.data?.length}>
        Start job
      </button>
      <ErrorMessage error={create.error} />
    </form>
  );
}

export function JobsPage() {
  const connection = useConnection();
  const jobs = useQuery({
    queryKey: ["jobs", connection.baseUrl, connection.apiKey],
    queryFn: () => getJson<Page<Job>>(connection, "/jobs?limit=50"),
    enabled: connection.apiKey !== "",
    refetchInterval: 5000,
  });

  if (connection.apiKey === "") {
    return (
      <p>
        Set your API key in <Link to="/settings">Settings</Link> first.
      </p>
    );
  }
  return (
    <section>
      <h1>Jobs</h1>
      <NewJobForm />
      <ErrorMessage error={jobs.error} />
      {jobs.data && <JobTable jobs={jobs.data.items} />}
    </section>
  );
}
