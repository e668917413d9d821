import { describe, expect, it } from "vitest";

import { ApiError } from "./api/errors";
import { shouldRetry } from "./query-client";

describe("retries", () => {
  it.each([400, 401, 403, 404, 409, 422])("never retries a %i", (status) => {
    expect(shouldRetry(0, new ApiError(status, "no"))).toBe(false);
  });

  it("retries network trouble, 5xx, 408 and 429 twice", () => {
    for (const error of [
      new TypeError("Failed to fetch"),
      new ApiError(503, "down"),
      new ApiError(429, "slow down"),
      new ApiError(408, "timeout"),
    ]) {
      expect(shouldRetry(0, error)).toBe(true);
      expect(shouldRetry(1, error)).toBe(true);
      expect(shouldRetry(2, error)).toBe(false);
    }
  });
});
