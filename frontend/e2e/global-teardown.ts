import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Backstop: drop the test database even if the API wrapper was killed without its cleanup.
// Playwright runs this before it stops the web servers, so a live wrapper (its pid file, see
// e2e/api-server.mjs) still has the API running on the database and drops it itself on exit:
// dropping it here first made the server's job-recovery loop fail with "database does not exist".
function wrapperAlive(pidFile: string): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(pidFile, "utf8"));
  } catch {
    return false;
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export default function globalTeardown() {
  const name = process.env.E2E_DB_NAME;
  if (!name?.startsWith("patientgen_e2e_")) return;
  const pidFile = fileURLToPath(new URL(`../test-results/${name}.api-pid`, import.meta.url));
  if (wrapperAlive(pidFile)) return;
  const adminUrl =
    process.env.PATIENTGEN_TEST_DATABASE_URL ||
    "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres";
  const drop = spawnSync(
    fileURLToPath(new URL("../../backend/.venv/bin/python", import.meta.url)),
    [
      "-c",
      "import asyncio, sys\nfrom patientgen.storage import databases as d\n" +
        "asyncio.run(d.drop_database(sys.argv[1], sys.argv[2]))",
      adminUrl,
      name,
    ],
    { stdio: "inherit" },
  );
  if (drop.status === 0) rmSync(pidFile, { force: true });
}
