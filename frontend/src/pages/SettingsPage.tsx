import { useQuery } from "@tanstack/react-query";
import { useState } from "react";

import { ApiError, getJson } from "../api/client";
import type { Me } from "../api/types";
import { useSettings } from "../stores/settings";

export function SettingsPage() {
  const { baseUrl, apiKey, setConnection } = useSettings();
  const [draft, setDraft] = useState({ baseUrl, apiKey });
  const me = useQuery({
    queryKey: ["me", baseUrl, apiKey],
    queryFn: () => getJson<Me>({ baseUrl, apiKey }, "/me"),
    enabled: apiKey !== "",
    retry: false,
  });

  return (
    <section>
      <h1>Settings</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          setConnection(draft);
        }}
      >
        <label>
          API base URL
          <input
            value={draft.baseUrl}
            onChange={(e) => setDraft({ ...draft, baseUrl: e.target.value })}
          />
        </label>
        <label>
          API key
          <input
            type="password"
            autoComplete="off"
            value={draft.apiKey}
            onChange={(e) => setDraft({ ...draft, apiKey: e.target.value })}
          />
        </label>
        <button type="submit">Save</button>
      </form>
      <p role="status">
        {apiKey === "" && "No key yet: paste one (`patientgen keys create`)."}
        {me.data && `Signed in as ${me.data.name}${me.data.is_admin ? " (admin)" : ""}.`}
        {me.error && `Key refused: ${(me.error as ApiError).message}`}
      </p>
      <p className="hint">The key is kept for this browser tab only.</p>
    </section>
  );
}
