import { useState } from "react";

import { Button } from "@/components/ui/button/Button";
import { Dialog } from "@/components/ui/dialog/ConfirmDialog";
import { TextField } from "@/components/ui/field/Field";

import { PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from "../lib/formats";

export interface PasswordDialogProps {
  open: boolean;
  formatLabel: string;
  onClose: () => void;
  onSubmit: (password: string) => void;
  /** Where the focus goes once the dialog has closed (see Dialog). */
  focusOnClose?: () => HTMLElement | null | undefined;
}

/** Asks for the ZIP's password twice; any UTF-8 text of 8–256 characters. */
export function PasswordDialog(props: PasswordDialogProps) {
  // a fresh form (empty fields) each time it opens
  return <PasswordDialogForm key={props.open ? "open" : "closed"} {...props} />;
}

function PasswordDialogForm({
  open,
  formatLabel,
  onClose,
  onSubmit,
  focusOnClose,
}: PasswordDialogProps) {
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [tried, setTried] = useState(false);
  const problem = passwordProblem(password, confirm);
  return (
    <Dialog
      open={open}
      title="Encrypted ZIP"
      onClose={onClose}
      focusOnClose={focusOnClose}
      onSubmit={() => {
        setTried(true);
        if (!problem) onSubmit(password);
      }}
      footer={
        <>
          <Button onClick={onClose}>Close</Button>
          <Button variant="primary" type="submit">
            Download encrypted ZIP
          </Button>
        </>
      }
    >
      <p>
        {formatLabel} in a ZIP encrypted with AES-256 (WinZip AE-2; opens with 7-Zip, WinZip or
        Python&apos;s pyzipper). The password travels in the request body, never in a URL, and is
        not stored.
      </p>
      <TextField
        label="Password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint={`${PASSWORD_MIN}–${PASSWORD_MAX} characters; any letters, scripts or symbols.`}
      />
      <TextField
        label="Repeat password"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        error={tried ? problem : null}
      />
    </Dialog>
  );
}
