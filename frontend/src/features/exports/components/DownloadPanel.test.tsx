// @vitest-environment jsdom
// The encrypted-ZIP dialog gives the focus a place when it closes: its own button after Close or
// Esc, the Download heading once a download was asked for (the button is disabled meanwhile).
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, expect, it, vi } from "vitest";

import { DownloadPanel } from "./DownloadPanel";

afterEach(cleanup);

function open() {
  const button = screen.getByRole("button", { name: "Encrypted ZIP…" });
  button.focus();
  fireEvent.click(button);
  return button;
}

it("returns the focus to Encrypted ZIP… after Close", () => {
  render(<DownloadPanel available onDownload={() => {}} />);
  const button = open();
  // the browser puts the focus in the dialog; closing removes what had it
  screen.getByLabelText("Password").focus();
  fireEvent.click(screen.getByRole("button", { name: "Close" }));
  expect(screen.queryByLabelText("Password")).toBeNull();
  expect(document.activeElement).toBe(button);
});

it("moves the focus to the Download heading once the encrypted download is asked for", () => {
  const onDownload = vi.fn();
  const { rerender } = render(<DownloadPanel available onDownload={onDownload} />);
  open();
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: "correct horse" } });
  fireEvent.change(screen.getByLabelText("Repeat password"), {
    target: { value: "correct horse" },
  });
  fireEvent.click(screen.getByRole("button", { name: "Download encrypted ZIP" }));
  expect(onDownload).toHaveBeenCalledWith(
    expect.objectContaining({ archive: "zip", password: "correct horse" }),
  );
  const heading = screen.getByRole("heading", { name: "Download" });
  expect(document.activeElement).toBe(heading);
  // while the ticket is asked for, the button is disabled: the focus is not lost with it
  rerender(<DownloadPanel available pending onDownload={onDownload} />);
  expect(document.activeElement).toBe(heading);
});
