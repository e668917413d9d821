import { CheckboxField, SelectField } from "@/components/ui/field/Field";

import {
  CARD_KIND_LABEL,
  CARD_KINDS,
  cardsProblem,
  PAPER_LABEL,
  PAPERS,
  PER_PAGE,
  toggleCard,
  type CardChoice,
  type Paper,
  type PerPage,
} from "../lib/cards";

import "./exports.css";

export interface CardOptionsFieldsProps {
  value: CardChoice;
  onChange: (next: CardChoice) => void;
  disabled?: boolean;
}

/** Paper, cards per page, and which cards (in print order) of a casualty-card PDF. */
export function CardOptionsFields({ value, onChange, disabled = false }: CardOptionsFieldsProps) {
  const problem = cardsProblem(value);
  return (
    <div className="card-options">
      <SelectField
        label="Paper"
        value={value.paper}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, paper: e.target.value as Paper })}
        options={PAPERS.map((p) => ({ value: p, label: PAPER_LABEL[p] }))}
      />
      <SelectField
        label="Layout"
        value={String(value.per_page)}
        disabled={disabled}
        onChange={(e) => onChange({ ...value, per_page: Number(e.target.value) as PerPage })}
        options={PER_PAGE.map((p) => ({ value: String(p.value), label: p.label }))}
        hint="with cut marks"
      />
      <fieldset className="card-options__kinds" disabled={disabled}>
        <legend className="field__label">Cards</legend>
        {CARD_KINDS.map((kind) => (
          <CheckboxField
            key={kind}
            label={CARD_KIND_LABEL[kind]}
            checked={value.cards.includes(kind)}
            onChange={(e) =>
              onChange({ ...value, cards: toggleCard(value.cards, kind, e.target.checked) })
            }
          />
        ))}
        {problem && (
          <p className="field__error" role="alert">
            {problem}
          </p>
        )}
      </fieldset>
    </div>
  );
}
