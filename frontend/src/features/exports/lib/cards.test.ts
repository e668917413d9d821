import { describe, expect, it } from "vitest";

import {
  cardsProblem,
  cardsTicket,
  DEFAULT_CARDS,
  PER_PAGE,
  selectionOf,
  toggleCard,
} from "./cards";

describe("card print options", () => {
  it("default to the export's own (A4, 4 a page, every card)", () => {
    expect(DEFAULT_CARDS).toEqual({
      paper: "a4",
      per_page: 4,
      cards: ["role-player", "instructor", "tccc"],
    });
    expect(PER_PAGE.map((p) => p.value)).toEqual([1, 2, 4]);
  });

  it("keep the print order whatever order cards are turned on", () => {
    let cards = toggleCard([], "tccc", true);
    cards = toggleCard(cards, "role-player", true);
    expect(cards).toEqual(["role-player", "tccc"]);
    expect(toggleCard(cards, "role-player", false)).toEqual(["tccc"]);
    expect(cardsProblem({ ...DEFAULT_CARDS, cards: [] })).toMatch(/at least one/);
    expect(cardsProblem(DEFAULT_CARDS)).toBeNull();
  });
});

describe("the cards ticket", () => {
  it("carries exactly the filters that are set and the print options", () => {
    const choice = { paper: "letter", per_page: 1, cards: ["tccc"] } as const;
    expect(
      cardsTicket({ ...choice, cards: [...choice.cards] }, { triage: "T1", front: "" }),
    ).toEqual({
      format: "cards-pdf",
      archive: "none",
      card_options: { paper: "letter", per_page: 1, cards: ["tccc"] },
      filters: { triage: "T1" },
    });
    expect(
      cardsTicket(DEFAULT_CARDS, { day: "2030-06-03", facility: "R2", nationality: undefined }),
    ).toMatchObject({ filters: { day: "2030-06-03", facility: "R2" } });
  });

  it("selects the whole job without filters", () => {
    expect(cardsTicket(DEFAULT_CARDS)).not.toHaveProperty("filters");
    expect(selectionOf({ nationality: undefined })).toBeUndefined();
  });
});
