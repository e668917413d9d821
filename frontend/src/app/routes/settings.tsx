import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";

import { PageHeader } from "@/components/ui/page-header/PageHeader";
import { safeNext } from "@/config/paths";
import { useConnection } from "@/lib/connection";
import { useMe } from "@/features/settings/api/get-me";
import { SettingsForm } from "@/features/settings/components/SettingsForm";

export function SettingsRoute() {
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { baseUrl, apiKey, remember, refused, signIn, signOut } = useConnection();
  const me = useMe(baseUrl, apiKey);
  const [returning, setReturning] = useState(false);
  const next = search.get("next");
  const reasonParam = search.get("reason");
  const reason = refused
    ? "refused"
    : reasonParam === "missing" || reasonParam === "refused"
      ? reasonParam
      : null;

  // once a newly saved key is accepted, go back to where the user was sent here from
  useEffect(() => {
    if (returning && me.data && next) navigate(safeNext(next), { replace: true });
  }, [returning, me.data, next, navigate]);

  return (
    <>
      <PageHeader title="Settings" subtitle="Where the API is and which key this browser uses." />
      <SettingsForm
        key={`${baseUrl}\n${apiKey}\n${remember}`}
        initial={{ baseUrl, apiKey, remember }}
        me={me.data}
        checking={me.isFetching}
        error={me.error}
        reason={reason === "missing" && apiKey ? null : reason}
        onSave={(values) => {
          queryClient.removeQueries(); // nothing fetched with the old key stays on screen
          signIn(values);
          setReturning(true);
        }}
        onSignOut={() => {
          signOut();
          queryClient.removeQueries();
          setReturning(false);
        }}
      />
    </>
  );
}
