// @vitest-environment jsdom
// After "Cancel job" is confirmed its button is busy, then gone: the focus goes to a deliberate
// place (the page's progress heading), not to <body>; "Keep it" leaves it alone.
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createRef } from "react";
import { afterEach, expect, it, vi } from "vitest";

import { JobActions, type JobActionsProps } from "./JobActions";

afterEach(cleanup);

const props: JobActionsProps = {
  status: "running",
  patients: 1000,
  generated: 200,
  seed: 1,
  onCancel: () => {},
  onDelete: () => {},
  onRunAgain: () => {},
};

it("puts the focus on the given heading once the cancel is confirmed", () => {
  const heading = createRef<HTMLHeadingElement>();
  const onCancel = vi.fn();
  const { rerender } = render(
    <>
      <h2 ref={heading}>Progress</h2>
      <JobActions {...props} onCancel={onCancel} focusAfterCancel={heading} />
    </>,
  );
  fireEvent.click(screen.getByRole("button", { name: "Cancel job" }));
  fireEvent.click(screen.getAllByRole("button", { name: "Cancel job" })[1]);
  expect(onCancel).toHaveBeenCalled();
  expect(document.activeElement).toBe(heading.current);
  expect(heading.current?.getAttribute("tabindex")).toBe("-1");
  // the job is cancelled: the button goes, the focus stays put
  rerender(
    <>
      <h2 ref={heading}>Progress</h2>
      <JobActions {...props} status="cancelled" focusAfterCancel={heading} />
    </>,
  );
  expect(screen.queryByRole("button", { name: "Cancel job" })).toBeNull();
  expect(document.activeElement).toBe(heading.current);
});

it("falls back to Run again, and leaves the focus alone after Keep it", () => {
  render(<JobActions {...props} />);
  const cancel = screen.getByRole("button", { name: "Cancel job" });
  cancel.focus();
  fireEvent.click(cancel);
  fireEvent.click(screen.getByRole("button", { name: "Keep it" }));
  expect(document.activeElement).toBe(cancel);

  fireEvent.click(cancel);
  fireEvent.click(screen.getAllByRole("button", { name: "Cancel job" })[1]);
  expect(document.activeElement).toBe(screen.getByRole("button", { name: "Run again" }));
});
