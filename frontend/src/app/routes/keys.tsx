import { useRef, useState } from "react";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { focusElement } from "@/components/ui/dialog/ConfirmDialog";
import { Loading } from "@/components/ui/loading/Loading";
import { PageHeader } from "@/components/ui/page-header/PageHeader";
import { ApiError } from "@/lib/api/errors";
import type { KeyCreated } from "@/lib/api/types";
import { useConnection } from "@/lib/connection";
import { useCreateKey } from "@/features/keys/api/create-key";
import { useKeys } from "@/features/keys/api/get-keys";
import { useRevokeKey } from "@/features/keys/api/revoke-key";
import { AdminOnly } from "@/features/keys/components/AdminOnly";
import { CreateKeyForm } from "@/features/keys/components/CreateKeyForm";
import { KeyList } from "@/features/keys/components/KeyList";
import { NewKeyNotice } from "@/features/keys/components/NewKeyNotice";
import { useMe } from "@/features/settings/api/get-me";

const SUBTITLE = "Who may use the API: create keys, see them, revoke them.";

export function KeysRoute() {
  const baseUrl = useConnection((s) => s.baseUrl);
  const apiKey = useConnection((s) => s.apiKey);
  const me = useMe(baseUrl, apiKey);
  const admin = me.data?.is_admin === true;
  const keys = useKeys(admin);
  const create = useCreateKey();
  const revoke = useRevokeKey();
  // the new key's plain text lives only here, until Done or leaving the page
  const [created, setCreated] = useState<KeyCreated | null>(null);
  const [formKey, setFormKey] = useState(0);
  const formTitle = useRef<HTMLHeadingElement>(null);

  const refused = keys.error instanceof ApiError && keys.error.status === 403;
  let body;
  if (me.isPending) body = <Loading label="Checking the key…" />;
  else if (me.error) body = <ErrorMessage error={me.error} />;
  else if (!admin || refused) body = <AdminOnly name={me.data?.name} />;
  else
    body = (
      <>
        {created ? (
          <NewKeyNotice
            created={created}
            onDone={() => {
              setCreated(null);
              focusElement(formTitle.current);
            }}
          />
        ) : null}
        <CreateKeyForm
          key={formKey}
          titleRef={formTitle}
          submitting={create.isPending}
          error={create.error}
          onSubmit={(values) =>
            create.mutate(values, {
              onSuccess: (answer) => {
                setCreated(answer);
                setFormKey((n) => n + 1); // an empty form for the next one
                create.reset(); // the plain key is not kept in the mutation cache
              },
            })
          }
        />
        <KeyList
          keys={keys.data}
          loading={keys.isPending}
          error={keys.error}
          currentKeyId={me.data?.key_id}
          revokingId={revoke.isPending ? (revoke.variables ?? null) : null}
          revokeError={revoke.error}
          onRevoke={(key) => revoke.mutate(key.id)}
        />
      </>
    );
  return (
    <>
      <PageHeader title="API keys" subtitle={SUBTITLE} />
      {body}
    </>
  );
}
