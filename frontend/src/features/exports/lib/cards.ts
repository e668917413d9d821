import type { CardKind, CardPrintOptions, PatientSelection, TicketRequest } from "@/lib/api/types";

// cards-pdf's print options as the web app offers them (paper, cards per page, which cards in
// print order), and the download ticket that prints the cards of a selection of patients.

export type Paper = NonNullable<CardPrintOptions["paper"]>;
export type PerPage = NonNullable<CardPrintOptions["per_page"]>;

export interface CardChoice {
  paper: Paper;
  per_page: PerPage;
  /** In print order; at least one. */
  cards: CardKind[];
}

export const CARD_KIND_LABEL: Record<CardKind, string> = {
  "role-player": "Role-player card",
  instructor: "Instructor card",
  tccc: "TCCC-style card",
};
/** Print order: the order of CARD_KIND_LABEL. */
export const CARD_KINDS = Object.keys(CARD_KIND_LABEL) as CardKind[];

export const PAPER_LABEL: Record<Paper, string> = { a4: "A4", letter: "US Letter" };
export const PAPERS = Object.keys(PAPER_LABEL) as Paper[];

const PER_PAGE_LABEL: Record<PerPage, string> = {
  1: "1 card per page",
  2: "2 cards per page",
  4: "4 cards per page",
};
export const PER_PAGE = (Object.keys(PER_PAGE_LABEL).map(Number) as PerPage[]).map((n) => ({
  value: n,
  label: PER_PAGE_LABEL[n],
}));

/** The export's own defaults. */
export const DEFAULT_CARDS: CardChoice = { paper: "a4", per_page: 4, cards: [...CARD_KINDS] };

/** Turns a kind on or off, keeping the print order. */
export function toggleCard(cards: CardKind[], kind: CardKind, on: boolean): CardKind[] {
  const chosen = new Set(cards);
  if (on) chosen.add(kind);
  else chosen.delete(kind);
  return CARD_KINDS.filter((k) => chosen.has(k));
}

export function cardsProblem(choice: CardChoice): string | null {
  return choice.cards.length === 0 ? "Choose at least one card." : null;
}

/** Only the filters that are set (none: the whole job). */
export function selectionOf(filters: PatientSelection): PatientSelection | undefined {
  const set = Object.entries(filters).filter(([, value]) => value !== undefined && value !== "");
  return set.length === 0 ? undefined : (Object.fromEntries(set) as PatientSelection);
}

/** The ticket for the cards of exactly the patients `filters` select, printed as chosen. */
export function cardsTicket(
  choice: CardChoice,
  filters: PatientSelection = {},
): TicketRequest & Required<Pick<TicketRequest, "format" | "archive">> {
  const selection = selectionOf(filters);
  return {
    format: "cards-pdf",
    archive: "none",
    card_options: { paper: choice.paper, per_page: choice.per_page, cards: [...choice.cards] },
    ...(selection ? { filters: selection } : {}),
  };
}
