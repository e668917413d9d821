import { useEffect, useEffectEvent, useRef, type FormEvent, type ReactNode } from "react";

import { Button } from "../button/Button";

import "./dialog.css";

export interface DialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  onClose: () => void;
  /**
   * Where the focus goes once the dialog has closed. Without it the browser puts it back on the
   * control that opened the dialog, which is lost (to <body>) when that control is gone or
   * disabled by then (a busy button, a row that was removed).
   */
  focusOnClose?: () => HTMLElement | null | undefined;
}

/** Focuses an element, making a heading or region focusable by script first. */
export function focusElement(element: HTMLElement | null | undefined): void {
  if (!element) return;
  if (element.tabIndex < 0 && !element.hasAttribute("tabindex")) {
    element.setAttribute("tabindex", "-1");
  }
  element.focus();
}

/** A modal on the native <dialog> (focus trap, Esc to close and inert background for free). */
export function Dialog({
  open,
  title,
  children,
  onClose,
  onSubmit,
  footer,
  focusOnClose,
}: DialogProps & { onSubmit?: (event: FormEvent<HTMLFormElement>) => void; footer: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  const closed = useEffectEvent(() => focusElement(focusOnClose?.()));
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
      closed();
    }
  }, [open]);
  // removed while open (its parent remounted or went away): the focus would fall to <body>
  useEffect(() => {
    const dialog = ref.current;
    return () => {
      if (dialog?.open) closed();
    };
  }, []);
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
