// The browser tests' API: a throwaway PostgreSQL database on the test server (created, migrated,
// dropped afterwards), Redis with a prefix of its own, and `patientgen serve`. Playwright starts it
// as a web server and stops it with SIGTERM; the database goes with it.
//
//   PATIENTGEN_TEST_DATABASE_URL  server to create the database on (default: local, trust auth)
//   PATIENTGEN_TEST_REDIS_URL     Redis (default: local)
//   E2E_DB_NAME, E2E_API_PORT, E2E_ADMIN_KEY, E2E_CORS_ORIGINS, E2E_CACHE_PREFIX  (set by the config)
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const backend = resolve(here, "../../backend");
const python = resolve(backend, ".venv/bin/python");
const cli = resolve(backend, ".venv/bin/patientgen");

const adminUrl =
  process.env.PATIENTGEN_TEST_DATABASE_URL ||
  "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres";
const redisUrl = process.env.PATIENTGEN_TEST_REDIS_URL || "redis://127.0.0.1:6379/0";
const name = process.env.E2E_DB_NAME;
const port = process.env.E2E_API_PORT;
if (!name || !/^patientgen_e2e_[a-z0-9_]+$/.test(name) || !port) {
  console.error("api-server: E2E_DB_NAME (patientgen_e2e_…) and E2E_API_PORT must be set");
  process.exit(2);
}

// Playwright runs e2e/global-teardown.ts before it stops this wrapper, and the teardown's backstop
// drop skips the database while the pid in this file is alive (dropping it under the running server
// failed its job-recovery loop): written before the database exists, removed once it is dropped.
const pidFile = resolve(here, "../test-results", `${name}.api-pid`);
mkdirSync(dirname(pidFile), { recursive: true });
writeFileSync(pidFile, String(process.pid));

function database(action) {
  const code =
    "import asyncio, sys\n" +
    "from patientgen.storage import databases as d\n" +
    "if sys.argv[1] == 'create': print(asyncio.run(d.create_database(sys.argv[2], sys.argv[3])))\n" +
    "else: asyncio.run(d.drop_database(sys.argv[2], sys.argv[3]))\n";
  const run = spawnSync(python, ["-c", code, action, adminUrl, name], { encoding: "utf8" });
  if (run.status !== 0) throw new Error(`${action} database ${name}: ${run.stderr.trim()}`);
  return run.stdout.trim();
}
function dropDatabase() {
  database("drop");
  rmSync(pidFile, { force: true });
}

const url = database("create");
const env = {
  ...process.env,
  PATIENTGEN_DATABASE_URL: url,
  PATIENTGEN_REDIS_URL: redisUrl,
  PATIENTGEN_CACHE_PREFIX: process.env.E2E_CACHE_PREFIX ?? `patientgen-e2e-${name}:`,
  PATIENTGEN_ADMIN_API_KEY: process.env.E2E_ADMIN_KEY ?? "",
  PATIENTGEN_CORS_ORIGINS: process.env.E2E_CORS_ORIGINS ?? "",
  PATIENTGEN_DATA_DIR: resolve(here, "../test-results/e2e-data"),
  // the API also serves the built UI (same origin, under its Content-Security-Policy)
  PATIENTGEN_WEB_DIR: process.env.PATIENTGEN_WEB_DIR ?? resolve(here, "../dist"),
};
const migrate = spawnSync(cli, ["migrate"], { env, stdio: "inherit" });
if (migrate.status !== 0) {
  dropDatabase();
  process.exit(migrate.status ?? 1);
}

const server = spawn(cli, ["serve", "--host", "127.0.0.1", "--port", port], {
  env,
  stdio: "inherit",
});
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  const finish = () => {
    try {
      dropDatabase();
    } catch (error) {
      console.error(String(error));
    }
    process.exit(code);
  };
  if (server.exitCode !== null) finish();
  else {
    server.once("exit", finish);
    server.kill("SIGTERM");
    setTimeout(() => server.kill("SIGKILL"), 15_000).unref();
  }
}
server.on("exit", (code) => stop(code ?? 1));
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => stop(0));
