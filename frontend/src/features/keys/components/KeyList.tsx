import { useRef, useState } from "react";

import { ErrorMessage } from "@/components/ui/alert/Alert";
import { Badge } from "@/components/ui/badge/Badge";
import { Button } from "@/components/ui/button/Button";
import { Card } from "@/components/ui/card/Card";
import { DateTime } from "@/components/ui/date-time/DateTime";
import { ConfirmDialog } from "@/components/ui/dialog/ConfirmDialog";
import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { Loading } from "@/components/ui/loading/Loading";
import { TableScroll } from "@/components/ui/table/TableScroll";
import type { KeyOut } from "@/lib/api/types";

import "./keys.css";

export interface KeyListProps {
  keys?: KeyOut[];
  loading?: boolean;
  error?: unknown;
  /** The key this browser is signed in with (`GET /me`): it cannot be revoked from here. */
  currentKeyId?: string;
  /** The id of the key being revoked. */
  revokingId?: string | null;
  revokeError?: unknown;
  onRevoke: (key: KeyOut) => void;
  /** Open the confirmation for this key at once (stories). */
  initialConfirmId?: string | null;
}

/** Every key with its name, prefix, role, creation and revocation; never a secret. */
export function KeyList({
  keys,
  loading = false,
  error,
  currentKeyId,
  revokingId = null,
  revokeError,
  onRevoke,
  initialConfirmId = null,
}: KeyListProps) {
  const [confirmId, setConfirmId] = useState(initialConfirmId);
  const confirmed = useRef(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const confirming = keys?.find((k) => k.id === confirmId) ?? null;
  return (
    <Card title="Keys" titleRef={heading}>
      <ErrorMessage error={error} title="The keys could not be loaded." />
      <ErrorMessage error={revokeError} title="The key was not revoked." />
      {loading && !keys && <Loading label="Loading the keys…" />}
      {keys && keys.length === 0 && <EmptyState title="No keys yet." />}
      {keys && keys.length > 0 && (
        <TableScroll label="API keys">
          <table className="key-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Prefix</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => {
                const current = key.id === currentKeyId;
                return (
                  <tr key={key.id} className={key.revoked_at ? "key-table__revoked" : undefined}>
                    <td>
                      {key.name}
                      {current && <div className="muted">signed in with this key</div>}
                    </td>
                    <td className="mono">{key.prefix}…</td>
                    <td>{key.is_admin ? <Badge tone="info">admin</Badge> : "standard"}</td>
                    <td>
                      <DateTime value={key.created_at} />
                    </td>
                    <td>
                      {key.revoked_at ? (
                        <>
                          <Badge tone="warning">revoked</Badge> <DateTime value={key.revoked_at} />
                        </>
                      ) : (
                        <Badge tone="success">active</Badge>
                      )}
                    </td>
                    <td>
                      {!key.revoked_at && !current && (
                        <Button
                          size="sm"
                          variant="danger"
                          busy={revokingId === key.id}
                          aria-label={`Revoke ${key.name}`}
                          onClick={() => {
                            confirmed.current = false;
                            setConfirmId(key.id);
                          }}
                        >
                          Revoke
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      <ConfirmDialog
        open={confirming !== null}
        title="Revoke this key?"
        confirmLabel="Revoke key"
        onClose={() => setConfirmId(null)}
        // the row's Revoke button goes once the key is revoked: back to the list's heading
        focusOnClose={() => (confirmed.current ? heading.current : null)}
        onConfirm={() => {
          confirmed.current = true;
          setConfirmId(null);
          if (confirming) onRevoke(confirming);
        }}
      >
        <p>
          <strong>{confirming?.name}</strong> (<span className="mono">{confirming?.prefix}…</span>)
          is refused from its next request. This cannot be undone; anyone using it needs a new key.
        </p>
      </ConfirmDialog>
    </Card>
  );
}
