import createClient, { type Client, type Middleware } from "openapi-fetch";

import { apiRoot, useConnection } from "@/lib/connection";

import { problemError } from "./errors";
import type { paths } from "./schema";

// The one way the SPA talks to the API: typed by the generated schema, the base URL and key from
// the connection store, the key in the X-API-Key header (never in a URL), problem+json answers
// turned into ApiError. A 401 marks the key refused, which sends every page to Settings.

const auth: Middleware = {
  onRequest({ request }) {
    const { apiKey } = useConnection.getState();
    if (apiKey) request.headers.set("X-API-Key", apiKey);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && useConnection.getState().apiKey) {
      useConnection.getState().markRefused();
    }
    return response;
  },
};

const clients = new Map<string, Client<paths>>();

/** The typed client for the configured API. */
export function api(): Client<paths> {
  const root = apiRoot(useConnection.getState().baseUrl);
  let client = clients.get(root);
  if (!client) {
    // look fetch up on every call (tests replace it)
    client = createClient<paths>({ baseUrl: root, fetch: (request) => globalThis.fetch(request) });
    client.use(auth);
    clients.set(root, client);
  }
  return client;
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The body of a successful answer; throws ApiError for anything else. */
export async function unwrap<T>(call: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw problemError(response, error);
  return data as T;
}

/** Headers for a raw fetch() to the API (the SSE stream): the key, as the client sends it. */
export function authHeaders(extra: Record<string, string> = {}): Headers {
  const headers = new Headers(extra);
  const { apiKey } = useConnection.getState();
  if (apiKey) headers.set("X-API-Key", apiKey);
  return headers;
}

/** An absolute URL of an API path for a raw fetch(). */
export function apiUrl(path: string): string {
  return apiRoot(useConnection.getState().baseUrl) + path;
}
