// Renders a composed story the way the app shows it: inside a router (stories link to pages).
// A plain function, not a component: written without JSX.
import { render } from "@testing-library/react";
import { createElement } from "react";
import { MemoryRouter } from "react-router";

export const showStory = (Story: () => React.ReactElement) =>
  render(createElement(MemoryRouter, null, createElement(Story)));
