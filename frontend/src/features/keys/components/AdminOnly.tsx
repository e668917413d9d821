import { Alert } from "@/components/ui/alert/Alert";

/** What a key that is not an admin sees on the keys page. */
export function AdminOnly({ name }: { name?: string }) {
  return (
    <Alert tone="info" title="Admin only">
      <p>
        Managing API keys needs an admin key
        {name ? (
          <>
            ; <strong>{name}</strong> is not one
          </>
        ) : null}
        . Ask an admin for a key, or sign in with one in Settings.
      </p>
    </Alert>
  );
}
