import { useRef, useState, type RefObject } from "react";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import { ConfirmDialog } from "@/components/ui/dialog/ConfirmDialog";
import type { JobStatus } from "@/lib/api/types";
import { formatCount } from "@/lib/format";
import { isActive } from "@/lib/job-status";

export interface JobActionsProps {
  status: JobStatus;
  patients: number;
  generated: number;
  seed: number;
  onCancel: () => void;
  onDelete: () => void;
  onRunAgain: () => void;
  cancelling?: boolean;
  deleting?: boolean;
  starting?: boolean;
  error?: unknown;
  /**
   * Where the focus goes after "Cancel job" is confirmed (the button is busy, then gone): the
   * page's progress heading, say. Without it, "Run again".
   */
  focusAfterCancel?: RefObject<HTMLElement | null>;
  /** Open one of the confirmations at once (stories). */
  initialDialog?: "cancel" | "delete" | "again" | null;
}

/** Cancel, delete and run again: the first two ask first, as nothing brings the work back. */
export function JobActions({
  status,
  patients,
  generated,
  seed,
  onCancel,
  onDelete,
  onRunAgain,
  cancelling = false,
  deleting = false,
  starting = false,
  error,
  focusAfterCancel,
  initialDialog = null,
}: JobActionsProps) {
  const [dialog, setDialog] = useState(initialDialog);
  const cancelled = useRef(false);
  const runAgain = useRef<HTMLButtonElement>(null);
  const active = isActive(status);
  const close = () => setDialog(null);
  return (
    <>
      <Button ref={runAgain} onClick={() => setDialog("again")} busy={starting}>
        Run again
      </Button>
      {active && (
        <Button
          variant="danger"
          onClick={() => {
            cancelled.current = false;
            setDialog("cancel");
          }}
          busy={cancelling}
        >
          Cancel job
        </Button>
      )}
      <Button variant="danger" onClick={() => setDialog("delete")} busy={deleting}>
        Delete job
      </Button>
      <ErrorMessage error={error} />
      <ConfirmDialog
        open={dialog === "cancel"}
        title="Cancel this job?"
        confirmLabel="Cancel job"
        busy={cancelling}
        onClose={close}
        focusOnClose={() =>
          cancelled.current ? (focusAfterCancel?.current ?? runAgain.current) : null
        }
        onConfirm={() => {
          cancelled.current = true;
          close();
          onCancel();
        }}
      >
        <p>
          {formatCount(generated)} of {formatCount(patients)} patients are written. Generation stops
          after the batch in flight; the job cannot be resumed.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "delete"}
        title="Delete this job?"
        confirmLabel="Delete job"
        busy={deleting}
        onClose={close}
        onConfirm={() => {
          close();
          onDelete();
        }}
      >
        <p>
          The job and its {formatCount(generated)} patients are deleted for good
          {active ? " (it is cancelled first)" : ""}.
        </p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "again"}
        title="Run this job again?"
        confirmLabel="Start job"
        tone="primary"
        busy={starting}
        onClose={close}
        onConfirm={() => {
          close();
          onRunAgain();
        }}
      >
        <p>
          A new job with the same scenario, {formatCount(patients)} patients and seed{" "}
          <span className="mono">{seed}</span>: the same patients, byte for byte.
        </p>
      </ConfirmDialog>
    </>
  );
}
