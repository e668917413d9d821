import { useEffect, useRef, useState } from "react";

import { Alert } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import type { KeyCreated } from "@/lib/api/types";

import "./keys.css";

export interface NewKeyNoticeProps {
  created: Pick<KeyCreated, "name" | "key" | "is_admin">;
  onDone: () => void;
}

/** The new key's plain text, shown this once (the API keeps only its hash), with a copy button. */
export function NewKeyNotice({ created, onDone }: NewKeyNoticeProps) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);
  const field = useRef<HTMLInputElement>(null);
  // the focus goes to the key, selected, so it can be copied from the keyboard too
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied("yes");
    } catch {
      field.current?.select();
      setCopied("failed");
    }
  };
  return (
    <Alert
      tone="success"
      title={`Key “${created.name}” created${created.is_admin ? " (admin)" : ""}`}
    >
      <p>
        <strong>Copy it now: it will not be shown again.</strong> The API stores only its hash, so
        nobody can show it to you later; a lost key is revoked and replaced.
      </p>
      <div className="new-key">
        <label className="visually-hidden" htmlFor="new-key-value">
          The new key
        </label>
        <input
          id="new-key-value"
          ref={field}
          className="field__control mono new-key__value"
          readOnly
          value={created.key}
          spellCheck={false}
          autoComplete="off"
        />
        <Button onClick={copy}>Copy</Button>
        <Button variant="primary" onClick={onDone}>
          Done
        </Button>
      </div>
      <p aria-live="polite" className="new-key__copied">
        {copied === "yes" && "Copied to the clipboard."}
        {copied === "failed" &&
          "The browser did not allow copying: the key is selected, copy it by hand."}
      </p>
    </Alert>
  );
}
