// @vitest-environment jsdom
// A field the server refused shows its message at that field, not only in a list under the form.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";

import { problemError } from "@/lib/api/errors";

import { NewJobForm } from "./NewJobForm";

afterEach(cleanup);

it("shows a 422 on body.patients at the Patients field", () => {
  const error = problemError(new Response(null, { status: 422 }), {
    detail: "Invalid request: body.patients",
    errors: [
      { field: "body.patients", message: "Input should be less than or equal to 100000000" },
    ],
  });
  render(
    <NewJobForm
      presets={[{ id: "p", name: "Preset", description: "" }]}
      submitError={error}
      onSubmit={() => {}}
    />,
  );
  const input = screen.getByLabelText("Patients");
  const described = (input.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");
  expect(described).toContain("less than or equal to 100000000");
  expect(input.getAttribute("aria-invalid")).toBe("true");
  // said once, at the field
  expect(screen.getAllByText(/less than or equal to 100000000/)).toHaveLength(1);
});
