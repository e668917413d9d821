import { Link, useLocation } from "react-router";

import { EmptyState } from "@/components/ui/empty-state/EmptyState";
import { PageHeader } from "@/components/ui/page-header/PageHeader";
import { paths } from "@/config/paths";

export function NotFoundRoute() {
  const location = useLocation();
  return (
    <>
      <PageHeader title="Page not found" />
      <EmptyState title={`Nothing lives at ${location.pathname}.`}>
        <p>
          Go to the <Link to={paths.jobs.href()}>jobs</Link> or to{" "}
          <Link to={paths.settings.href()}>Settings</Link>.
        </p>
      </EmptyState>
    </>
  );
}
