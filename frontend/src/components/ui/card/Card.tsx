import { useId, type ReactNode, type Ref } from "react";

import "./card.css";

export interface CardProps {
  title?: string;
  /** Small print beside the title (units, source). */
  meta?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
  /** The title's heading (a place to put the focus back after a dialog). */
  titleRef?: Ref<HTMLHeadingElement>;
}

/** A titled panel; a section labelled by its title. */
export function Card({ title, meta, actions, children, className, titleRef }: CardProps) {
  const id = useId();
  return (
    <section
      className={["card", className].filter(Boolean).join(" ")}
      aria-labelledby={title ? id : undefined}
    >
      {(title || actions) && (
        <div className="card__head">
          {title && (
            <h2 className="card__title" id={id} ref={titleRef}>
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
