// @vitest-environment jsdom
// An API error reads as plain words: a 429 says when to try again (Retry-After), a whole-request
// entry (`body`) is not listed as if it were a field, and fields read as the user knows them.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";

import { problemError, retryAfterSeconds } from "@/lib/api/errors";

import { ErrorMessage } from "./Alert";

afterEach(cleanup);

const answer = (status: number, headers: Record<string, string> = {}) =>
  new Response(null, { status, headers });

it("says when to try again after a 429", () => {
  const error = problemError(answer(429, { "Retry-After": "30" }), {
    detail: "This key already has 1 jobs queued or running (limit 1); wait for one to end.",
    errors: [{ field: "body", message: "quota exceeded" }],
  });
  render(<ErrorMessage error={error} title="The job was not started." />);
  const alert = screen.getByRole("alert");
  expect(alert.textContent).toContain("wait for one to end.");
  expect(alert.textContent).toContain("Try again in 30 seconds.");
  // the whole-request entry restates the message: not shown as a field named "body"
  expect(alert.textContent).not.toContain("quota exceeded");
  expect(alert.querySelector("code")).toBeNull();
});

it("still says to try again when Retry-After cannot be read (another origin)", () => {
  render(<ErrorMessage error={problemError(answer(429), { detail: "Daily quota reached." })} />);
  expect(screen.getByRole("alert").textContent).toContain("Try again in a little while.");
});

it("names a refused field without the request's location prefix", () => {
  const error = problemError(answer(422), {
    detail: "Invalid request: body.patients",
    errors: [
      { field: "body.patients", message: "Input should be less than or equal to 100000000" },
    ],
  });
  render(<ErrorMessage error={error} />);
  expect(screen.getByRole("alert").querySelector("code")?.textContent).toBe("patients");
});

it("leaves out the fields shown at their controls", () => {
  const error = problemError(answer(422), {
    detail: "Invalid request: body.seed",
    errors: [{ field: "body.seed", message: "Input should be greater than or equal to 0" }],
  });
  render(<ErrorMessage error={error} shownAt={(field) => field === "body.seed"} />);
  expect(screen.getByRole("alert").textContent).not.toContain("greater than");
});

it("reads Retry-After as seconds or as an HTTP date", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");
  expect(retryAfterSeconds("120", now)).toBe(120);
  expect(retryAfterSeconds("Tue, 01 Jan 2030 00:01:00 GMT", now)).toBe(60);
  expect(retryAfterSeconds(null, now)).toBeNull();
  expect(retryAfterSeconds("soon", now)).toBeNull();
});
