import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Badge } from "@/components/ui/badge/Badge";
import { Button } from "@/components/ui/button/Button";
import { ConfirmDialog } from "@/components/ui/dialog/ConfirmDialog";

import "./scenarios.css";

export type ValidationState = "checking" | "valid" | "invalid" | "unreachable";

export interface EditorToolbarProps {
  validation: ValidationState;
  problems: number;
  dirty: boolean;
  saved: boolean;
  saving?: boolean;
  saveError?: unknown;
  onSave: () => void;
  onDiscard: () => void;
  onExport: () => void;
}

const STATE: Record<
  ValidationState,
  { tone: "info" | "success" | "danger" | "warning"; text: string }
> = {
  checking: { tone: "info", text: "Checking…" },
  valid: { tone: "success", text: "Valid" },
  invalid: { tone: "danger", text: "Not valid" },
  unreachable: { tone: "warning", text: "Not checked" },
};

/**
 * What the server said about the draft, whether it holds unsaved changes, and Save (only when
 * the server found the current draft valid).
 */
export function EditorToolbar({
  validation,
  problems,
  dirty,
  saved,
  saving = false,
  saveError,
  onSave,
  onDiscard,
  onExport,
}: EditorToolbarProps) {
  const state = STATE[validation];
  return (
    <div className="editor-toolbar" role="region" aria-label="Draft">
      <div className="editor-toolbar__status" aria-live="polite" data-testid="validation-status">
        <Badge tone={state.tone}>{state.text}</Badge>
        {validation === "invalid" && (
          <span>{problems === 1 ? "1 problem" : `${problems} problems`}</span>
        )}
        {dirty ? (
          <span data-testid="dirty-state">{saved ? "Unsaved changes" : "Not saved yet"}</span>
        ) : (
          <span data-testid="dirty-state">All changes saved</span>
        )}
      </div>
      <div className="editor-toolbar__actions">
        <Button onClick={onExport}>Export JSON</Button>
        <Button variant="ghost" onClick={onDiscard} disabled={!dirty}>
          {saved ? "Discard changes" : "Discard draft"}
        </Button>
        <Button
          variant="primary"
          onClick={onSave}
          busy={saving}
          disabled={validation !== "valid" || !dirty}
          title={
            validation !== "valid"
              ? "Fix the problems first: the server must accept the draft."
              : undefined
          }
        >
          Save scenario
        </Button>
      </div>
      <ErrorMessage error={saveError} title="The scenario could not be saved." />
    </div>
  );
}

/** Asked when leaving an editor with unsaved changes (the draft stays in this browser anyway). */
export function LeaveDialog({
  open,
  onStay,
  onLeave,
}: {
  open: boolean;
  onStay: () => void;
  onLeave: () => void;
}) {
  return (
    <ConfirmDialog
      open={open}
      title="Leave with unsaved changes?"
      confirmLabel="Leave the page"
      tone="primary"
      onClose={onStay}
      onConfirm={onLeave}
    >
      <p>
        The changes are not saved to the server. The draft stays in this browser: you find it again
        under Scenarios → Unsaved drafts.
      </p>
    </ConfirmDialog>
  );
}
