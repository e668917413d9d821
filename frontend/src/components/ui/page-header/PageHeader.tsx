import { useEffect, type ReactNode } from "react";

import "./page-header.css";

/** Sets the document title ("<title> · PatientGen") while the page is shown. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · PatientGen`;
  }, [title]);
}

export interface PageHeaderProps {
  title: string;
  /** A line under the title (what the page is about). */
  subtitle?: ReactNode;
  /** Buttons on the right (wrap below on narrow screens). */
  actions?: ReactNode;
}

/** The page's one h1 and the browser tab's title. */
export function PageHeader({ title, subtitle, actions }: PageHeaderProps) {
  usePageTitle(title);
  return (
    <header className="page-header">
      <div className="page-header__text">
        <h1 className="page-header__title">{title}</h1>
        {subtitle && <div className="page-header__subtitle">{subtitle}</div>}
      </div>
      {actions && <div className="page-header__actions">{actions}</div>}
    </header>
  );
}
