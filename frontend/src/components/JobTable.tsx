import { Link } from "react-router";

import type { Job } from "../api/types";

/** The jobs a key can see, newest first, each linking to its page. */
export function JobTable({ jobs }: { jobs: Job[] }) {
  if (jobs.length === 0) return <p>No jobs yet.</p>;
  return (
    <table>
      <thead>
        <tr>
          <th>Scenario</th>
          <th>Patients</th>
          <th>Status</th>
          <th>Created</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id}>
            <td>
              <Link to={`/jobs/${job.id}`}>{job.scenario_name}</Link>
            </td>
            <td>{job.patients.toLocaleString()}</td>
            <td>
              {job.status}
              {job.status === "running" && ` (${Math.floor(job.progress * 100)}%)`}
            </td>
            <td>{new Date(job.created_at).toLocaleString()}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
