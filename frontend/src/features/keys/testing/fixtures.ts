import type { KeyOut, Me } from "@/lib/api/types";

/** A key as the API lists it, for stories and tests. */
export function makeKey(overrides: Partial<KeyOut> = {}): KeyOut {
  return {
    id: "3f1e2d4c-0000-4000-8000-000000000001",
    name: "dev-admin",
    prefix: "pgk_Q3k9xZ1a",
    is_admin: true,
    created_at: "2026-11-28T18:00:00Z",
    revoked_at: null,
    ...overrides,
  };
}

export const KEYS: KeyOut[] = [
  makeKey(),
  makeKey({
    id: "3f1e2d4c-0000-4000-8000-000000000002",
    name: "exercise-planner",
    prefix: "pgk_b7Hq0pLm",
    is_admin: false,
    created_at: "2026-11-29T08:30:00Z",
  }),
  makeKey({
    id: "3f1e2d4c-0000-4000-8000-000000000003",
    name: "old-laptop",
    prefix: "pgk_Zz81uTq4",
    is_admin: false,
    created_at: "2026-10-02T12:00:00Z",
    revoked_at: "2026-11-01T09:15:00Z",
  }),
];

export function makeMe(overrides: Partial<Me> = {}): Me {
  return {
    key_id: KEYS[0].id,
    name: "dev-admin",
    is_admin: true,
    usage: {
      active_jobs: 0,
      max_active_jobs: null,
      patients_last_24h: 0,
      max_patients_per_day: null,
    },
    ...overrides,
  };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": status < 300 ? "application/json" : "application/problem+json" },
  });
}

/**
 * A stand-in for the API's key routes (and `GET /me`) on top of `fetch`, for unit tests: it keeps
 * the keys in memory and records every call.
 */
export function fakeKeysApi(me: Me = makeMe(), keys: KeyOut[] = [...KEYS]) {
  const calls: { method: string; path: string; body: unknown }[] = [];
  let serial = 100;
  const fetch = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname.replace(/^.*\/api\/v1/, "");
    const body = request.method === "POST" ? await request.json() : null;
    calls.push({ method: request.method, path, body });
    if (path === "/me") return json(me);
    if (!me.is_admin && path.startsWith("/keys"))
      return json(
        { title: "Forbidden", status: 403, detail: "This route needs an admin key." },
        403,
      );
    if (path === "/keys" && request.method === "GET") return json(keys);
    if (path === "/keys" && request.method === "POST") {
      serial += 1;
      const created = {
        id: `3f1e2d4c-0000-4000-8000-000000000${serial}`,
        prefix: `pgk_new${serial}`,
        created_at: "2026-12-01T10:00:00Z",
        revoked_at: null,
        is_admin: false,
        ...(body as { name: string; is_admin?: boolean }),
      };
      keys.push(created);
      return json({ ...created, key: `pgk_new${serial}-the-whole-secret` }, 201);
    }
    const revoke = /^\/keys\/(.+)$/.exec(path);
    if (revoke && request.method === "DELETE") {
      const key = keys.find((k) => k.id === revoke[1]);
      if (!key) return json({ title: "Not Found", status: 404, detail: "No API key." }, 404);
      key.revoked_at = "2026-12-01T10:05:00Z";
      return new Response(null, { status: 204 });
    }
    return json({ title: "Not Found", status: 404 }, 404);
  };
  return { fetch, calls, keys };
}
