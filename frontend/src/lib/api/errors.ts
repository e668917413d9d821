import type { FieldError, Problem } from "./types";

/** One refused field of a 422 answer (`errors[]` of the problem+json body). */
export type { FieldError };

/** An API answer that was not 2xx, read from its application/problem+json body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields: FieldError[] = [],
    /** Seconds to wait before asking again (a 429's or 503's Retry-After), when readable. */
    readonly retryAfterS: number | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The server's message for one request field (`body.patients`), or null. */
  fieldMessage(field: string): string | null {
    const messages = this.fields.filter((f) => f.field === field).map((f) => f.message);
    return messages.length ? messages.join(" ") : null;
  }

  /** A client error (4xx): asking again gives the same answer, so it is never retried. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 408 && this.status !== 429;
  }
}

/** Retry-After as seconds: a number of seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** A problem+json body as received: nothing is trusted until checked. */
type ProblemBody = { [K in keyof Problem]?: unknown };

/** The ApiError for a failed response whose body (if any) was already parsed. */
export function problemError(response: Response, body: unknown): ApiError {
  const problem = (typeof body === "object" && body !== null ? body : {}) as ProblemBody;
  const message =
    (typeof problem.detail === "string" && problem.detail) ||
    (typeof problem.title === "string" && problem.title) ||
    response.statusText ||
    `HTTP ${response.status}`;
  const fields = Array.isArray(problem.errors)
    ? problem.errors
        .filter(
          (e): e is FieldError =>
            typeof e === "object" &&
            e !== null &&
            typeof (e as FieldError).field === "string" &&
            typeof (e as FieldError).message === "string",
        )
        .map(({ field, message }) => ({ field, message }))
    : [];
  const retryAfter = retryAfterSeconds(response.headers.get("Retry-After"));
  return new ApiError(response.status, message, fields, retryAfter);
}

/** Reads a failed fetch() response into an ApiError. */
export async function readProblem(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // not JSON: the status line is all there is
  }
  return problemError(response, body);
}
