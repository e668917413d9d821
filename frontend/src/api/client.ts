// The one way the SPA talks to the API: base URL from the settings, X-API-Key on every call,
// problem+json errors turned into ApiError with the failing fields.

export interface FieldError {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

export interface Connection {
  baseUrl: string;
  apiKey: string;
}

async function failure(response: Response): Promise<ApiError> {
  try {
    const problem = await response.json();
    return new ApiError(response.status, problem.detail ?? problem.title, problem.errors ?? []);
  } catch {
    return new ApiError(response.status, response.statusText || `HTTP ${response.status}`);
  }
}

export async function request(
  connection: Connection,
  path: string,
  init: RequestInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  if (connection.apiKey) headers.set("X-API-Key", connection.apiKey);
  if (init.body) headers.set("Content-Type", "application/json");
  const response = await fetch(connection.baseUrl.replace(/\/$/, "") + path, { ...init, headers });
  if (!response.ok) throw await failure(response);
  return response;
}

export async function getJson<T>(connection: Connection, path: string): Promise<T> {
  return (await request(connection, path)).json();
}

export async function postJson<T>(connection: Connection, path: string, body: unknown): Promise<T> {
  const response = await request(connection, path, { method: "POST", body: JSON.stringify(body) });
  return response.json();
}
