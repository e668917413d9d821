// @vitest-environment jsdom
// The keys page's parts: the list shows no secret and never offers to revoke the key in use, a
// revoke asks first and leaves the focus on the list; the form sends a trimmed name and shows a
// refused one at its field; the new key is shown once, with a working copy button.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";

import { problemError } from "@/lib/api/errors";

import { KEYS } from "../testing/fixtures";
import { CreateKeyForm } from "./CreateKeyForm";
import { KeyList } from "./KeyList";
import { NewKeyNotice } from "./NewKeyNotice";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

it("lists name, prefix, role and status, and offers revoke only where it makes sense", () => {
  render(<KeyList keys={KEYS} currentKeyId={KEYS[0].id} onRevoke={() => {}} />);
  const rows = screen.getAllByRole("row").slice(1);
  expect(rows.map((r) => r.textContent)).toEqual([
    expect.stringMatching(/^dev-adminsigned in with this keypgk_Q3k9xZ1a…admin.*active$/),
    expect.stringMatching(/^exercise-plannerpgk_b7Hq0pLm…standard.*active/),
    expect.stringMatching(/^old-laptoppgk_Zz81uTq4…standard.*revoked/),
  ]);
  // the signed-in key and a revoked key have no Revoke button
  expect(screen.getAllByRole("button", { name: /^Revoke/ }).map((b) => b.textContent)).toEqual([
    "Revoke",
  ]);
  expect(screen.getByRole("button", { name: "Revoke exercise-planner" })).toBeTruthy();
});

it("revokes only after the confirmation, then puts the focus on the list's heading", async () => {
  const onRevoke = vi.fn();
  render(<KeyList keys={KEYS} currentKeyId={KEYS[0].id} onRevoke={onRevoke} />);
  fireEvent.click(screen.getByRole("button", { name: "Revoke exercise-planner" }));
  expect(onRevoke).not.toHaveBeenCalled();
  expect(screen.getByRole("heading", { name: "Revoke this key?" })).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
  expect(onRevoke).not.toHaveBeenCalled();

  fireEvent.click(screen.getByRole("button", { name: "Revoke exercise-planner" }));
  fireEvent.click(screen.getByRole("button", { name: "Revoke key" }));
  expect(onRevoke).toHaveBeenCalledWith(KEYS[1]);
  await waitFor(() =>
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Keys" })),
  );
});

it("sends a trimmed name and the admin flag; an empty name is refused at the field", () => {
  const onSubmit = vi.fn();
  render(<CreateKeyForm onSubmit={onSubmit} />);
  fireEvent.click(screen.getByRole("button", { name: "Create key" }));
  expect(onSubmit).not.toHaveBeenCalled();
  expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBe("true");
  fireEvent.change(screen.getByLabelText("Name"), { target: { value: "  team-b  " } });
  fireEvent.click(screen.getByLabelText("Admin"));
  fireEvent.click(screen.getByRole("button", { name: "Create key" }));
  expect(onSubmit).toHaveBeenCalledWith({ name: "team-b", is_admin: true });
});

it("shows the API's refusal of the name at the Name field, in plain words", () => {
  const error = problemError(new Response(null, { status: 422 }), {
    detail: "Invalid request: body.name",
    errors: [{ field: "body.name", message: "String should have at most 100 characters" }],
  });
  render(<CreateKeyForm onSubmit={() => {}} error={error} />);
  expect(screen.getByLabelText("Name").getAttribute("aria-invalid")).toBe("true");
  expect(screen.getAllByText("String should have at most 100 characters")).toHaveLength(1);
  expect(screen.getByText("The key was not created.")).toBeTruthy();
});

it("shows the new key once, selected, says it will not be shown again, and copies it", async () => {
  const writeText = vi.fn(async () => {});
  vi.stubGlobal("navigator", { ...navigator, clipboard: { writeText } });
  const onDone = vi.fn();
  render(
    <NewKeyNotice
      created={{ name: "team-b", key: "pgk_secret-value", is_admin: false }}
      onDone={onDone}
    />,
  );
  const field = screen.getByLabelText<HTMLInputElement>("The new key");
  expect(field.value).toBe("pgk_secret-value");
  expect(document.activeElement).toBe(field);
  expect(screen.getByText(/it will not be shown again/)).toBeTruthy();
  fireEvent.click(screen.getByRole("button", { name: "Copy" }));
  expect(await screen.findByText("Copied to the clipboard.")).toBeTruthy();
  expect(writeText).toHaveBeenCalledWith("pgk_secret-value");
  fireEvent.click(screen.getByRole("button", { name: "Done" }));
  expect(onDone).toHaveBeenCalled();
});

it("says so when the browser refuses to copy", async () => {
  vi.stubGlobal("navigator", {
    ...navigator,
    clipboard: { writeText: () => Promise.reject(new Error("denied")) },
  });
  render(<NewKeyNotice created={{ name: "b", key: "pgk_x", is_admin: true }} onDone={() => {}} />);
  fireEvent.click(screen.getByRole("button", { name: "Copy" }));
  expect(await screen.findByText(/copy it by hand/)).toBeTruthy();
});
