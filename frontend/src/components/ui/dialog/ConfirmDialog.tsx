import { useEffect, useRef, type FormEvent, type ReactNode } from "react";

import { Button } from "../button/Button";

import "./dialog.css";

export interface DialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  onClose: () => void;
}

/** A modal on the native <dialog> (focus trap, Esc to close and inert background for free). */
export function Dialog({
  open,
  title,
  children,
  onClose,
  onSubmit,
  footer,
}: DialogProps & { onSubmit?: (event: FormEvent<HTMLFormElement>) => void; footer: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
    }
  }, [open]);
  const titleId = `${title.replace(/\W+/g, "-").toLowerCase()}-title`;
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <form
          method="dialog"
          className="dialog__body"
          onSubmit={(event) => {
            event.preventDefault();
            onSubmit?.(event);
          }}
        >
          <h2 id={titleId} className="dialog__title">
            {title}
          </h2>
          <div className="dialog__content">{children}</div>
          <div className="dialog__actions">{footer}</div>
        </form>
      )}
    </dialog>
  );
}

export interface ConfirmDialogProps extends DialogProps {
  confirmLabel: string;
  tone?: "primary" | "danger";
  busy?: boolean;
  onConfirm: () => void;
}

/** Asks before something that cannot be undone (cancel, delete). */
export function ConfirmDialog({
  confirmLabel,
  tone = "danger",
  busy = false,
  onConfirm,
  ...dialog
}: ConfirmDialogProps) {
  return (
    <Dialog
      {...dialog}
      onSubmit={onConfirm}
      footer={
        <>
          <Button onClick={dialog.onClose}>Keep it</Button>
          <Button type="submit" variant={tone} busy={busy}>
            {confirmLabel}
          </Button>
        </>
      }
    />
  );
}
