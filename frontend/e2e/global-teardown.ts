import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// Backstop: drop the test database even if the API wrapper was killed without its cleanup.
export default function globalTeardown() {
  const name = process.env.E2E_DB_NAME;
  if (!name?.startsWith("patientgen_e2e_")) return;
  const adminUrl =
    process.env.PATIENTGEN_TEST_DATABASE_URL ||
    "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres";
  spawnSync(
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
}
