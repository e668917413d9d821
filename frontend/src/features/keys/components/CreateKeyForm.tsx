import { useState, type Ref } from "react";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";
import { CheckboxField, TextField } from "@/components/ui/field/Field";
import { ApiError } from "@/lib/api/errors";
import type { KeyCreate } from "@/lib/api/types";

import "./keys.css";

/** The API's limit on a key's name. */
export const KEY_NAME_MAX = 100;

export interface CreateKeyFormProps {
  submitting?: boolean;
  error?: unknown;
  onSubmit: (body: KeyCreate) => void;
  titleRef?: Ref<HTMLHeadingElement>;
}

/** Name and role of a new key; the API answers with its plain text, once. */
export function CreateKeyForm({
  submitting = false,
  error,
  onSubmit,
  titleRef,
}: CreateKeyFormProps) {
  const [name, setName] = useState("");
  const [admin, setAdmin] = useState(false);
  const [tried, setTried] = useState(false);
  const trimmed = name.trim();
  const api = error instanceof ApiError ? error : null;
  const nameError =
    (tried && !trimmed ? "Give the key a name." : null) ?? api?.fieldMessage("body.name") ?? null;
  return (
    <Card title="New key" titleRef={titleRef}>
      <form
        className="key-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (trimmed) onSubmit({ name: trimmed, is_admin: admin });
        }}
      >
        <TextField
          label="Name"
          value={name}
          maxLength={KEY_NAME_MAX}
          autoComplete="off"
          onChange={(e) => setName(e.target.value)}
          hint="Who or what uses it, e.g. a team or an exercise."
          error={nameError}
        />
        <CheckboxField
          label="Admin"
          checked={admin}
          onChange={(e) => setAdmin(e.target.checked)}
          hint="An admin key sees every job, has no quotas and manages keys."
        />
        <div>
          <Button type="submit" variant="primary" busy={submitting}>
            Create key
          </Button>
        </div>
      </form>
      <ErrorMessage
        error={error}
        title="The key was not created."
        shownAt={(field) => field === "body.name"}
      />
    </Card>
  );
}
