import { isRouteErrorResponse, Link, useRouteError } from "react-router";

import { Alert } from "@/components/ui/alert/Alert";
import { PageHeader } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";

/** What a page shows when it crashed: inside the layout, with a way on. */
export function RouteError() {
  const error = useRouteError();
  const message = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <>
      <PageHeader title="Something went wrong" />
      <Alert tone="danger" title="This page failed to show.">
        <p className="mono">{message}</p>
      </Alert>
      <p>
        <a href={window.location.href}>Reload the page</a> or go to the{" "}
        <Link to={paths.jobs.href()}>jobs</Link>.
      </p>
    </>
  );
}
