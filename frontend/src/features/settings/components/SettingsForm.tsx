import { useState, type FormEvent } from "react";

import { Alert, ErrorMessage } from "@/components/ui/alert/Alert";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";
import { CheckboxField, TextField } from "@/components/ui/field/Field";
import { Loading } from "@/components/ui/loading/Loading";
import { DEV_KEY_FILE } from "@/config/constants";
import type { Me } from "@/lib/api/types";
import { formatCount } from "@/lib/format";

import "./settings.css";

export interface SettingsValues {
  baseUrl: string;
  apiKey: string;
  remember: boolean;
}

export interface SettingsFormProps {
  initial: SettingsValues;
  /** Who the saved key is; undefined while checking or when there is none. */
  me?: Me;
  checking?: boolean;
  /** Why the saved key was refused (a 401), or another failure to check it. */
  error?: unknown;
  /** Why the user was sent here. */
  reason?: "missing" | "refused" | null;
  onSave: (values: SettingsValues) => void;
  onSignOut: () => void;
}

/** The API address and key: per browser tab unless remembered on this device. */
export function SettingsForm({
  initial,
  me,
  checking = false,
  error,
  reason,
  onSave,
  onSignOut,
}: SettingsFormProps) {
  const [values, setValues] = useState(initial);
  const [tried, setTried] = useState(false);
  const keyProblem = values.apiKey.trim() === "" ? "Paste an API key." : null;
  const signedIn = initial.apiKey !== "";

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (keyProblem) return;
    onSave({ ...values, apiKey: values.apiKey.trim(), baseUrl: values.baseUrl.trim() });
  }

  return (
    <div className="settings">
      {reason === "missing" && !signedIn && (
        <Alert tone="info" title="An API key is needed">
          <p>Enter your key to continue; you will be taken back to the page you opened.</p>
        </Alert>
      )}
      {reason === "refused" && (
        <Alert tone="warning" title="The API refused the key">
          <p>It may have been revoked. Enter a valid key to continue.</p>
        </Alert>
      )}
      <Card title="API connection">
        <form className="settings__form" aria-label="API connection" noValidate onSubmit={submit}>
          <TextField
            label="API key"
            type="password"
            autoComplete="off"
            spellCheck={false}
            value={values.apiKey}
            onChange={(e) => setValues({ ...values, apiKey: e.target.value })}
            error={tried ? keyProblem : null}
            hint={
              <>
                <code>make run</code> saved a development admin key in <code>{DEV_KEY_FILE}</code>;
                other keys come from <code>patientgen keys create --name NAME</code>.
              </>
            }
          />
          <TextField
            label="API base URL"
            spellCheck={false}
            value={values.baseUrl}
            onChange={(e) => setValues({ ...values, baseUrl: e.target.value })}
            hint="/api/v1 when the API serves this page; else e.g. http://localhost:8000/api/v1"
          />
          <CheckboxField
            label="Remember on this device"
            checked={values.remember}
            onChange={(e) => setValues({ ...values, remember: e.target.checked })}
            hint="Off: the key is kept for this browser tab only and is gone when it closes. On: kept in this browser's local storage until you sign out."
          />
          <div className="settings__actions">
            <Button type="submit" variant="primary">
              Save and sign in
            </Button>
            {signedIn && (
              <Button variant="secondary" onClick={onSignOut}>
                Sign out
              </Button>
            )}
          </div>
        </form>
      </Card>
      <div className="settings__status" aria-live="polite">
        {!signedIn ? (
          <p className="muted" role="status">
            Not signed in.
          </p>
        ) : checking ? (
          <Loading label="Checking the key…" />
        ) : me ? (
          <Alert tone="success">
            <p>
              Signed in as <strong>{me.name}</strong>
              {me.is_admin ? " (admin)" : ""}
              {initial.remember ? ", remembered on this device." : ", for this tab."}
            </p>
            <p data-testid="key-usage">
              {formatCount(me.usage.active_jobs)}
              {me.usage.max_active_jobs === null
                ? ""
                : ` of ${formatCount(me.usage.max_active_jobs)}`}{" "}
              active jobs · {formatCount(me.usage.patients_last_24h)}
              {me.usage.max_patients_per_day === null
                ? ""
                : ` of ${formatCount(me.usage.max_patients_per_day)}`}{" "}
              patients in the last 24 h
            </p>
          </Alert>
        ) : (
          <ErrorMessage error={error} title="Key refused" />
        )}
      </div>
    </div>
  );
}
