import { useId, type ReactNode } from "react";

import "./card.css";

export interface CardProps {
  title?: string;
  /** Small print beside the title (units, source). */
  meta?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** A titled panel; a section labelled by its title. */
export function Card({ title, meta, actions, children, className }: CardProps) {
  const id = useId();
  return (
    <section
      className={["card", className].filter(Boolean).join(" ")}
      aria-labelledby={title ? id : undefined}
    >
      {(title || actions) && (
        <div className="card__head">
          {title && (
            <h2 className="card__title" id={id}>
              {title}
            </h2>
          )}
          {meta && <span className="card__meta">{meta}</span>}
          {actions && <div className="card__actions">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
