import type { Meta, StoryObj } from "@storybook/react-vite";

import { ChartCard } from "./ChartCard";

const option = {
  animation: false,
  xAxis: { type: "category", data: ["T1", "T2", "T3", "T4"] },
  yAxis: { type: "value" },
  series: [{ type: "bar", data: [222, 608, 2021, 1], itemStyle: { color: "#1d4f91" } }],
};

const meta = {
  title: "UI/ChartCard",
  component: ChartCard,
  args: {
    title: "Patients by triage",
    summary: "T3 is the largest group with 2,021 patients.",
    option,
    table: (
      <table>
        <tbody>
          <tr>
            <td>T1</td>
            <td className="num">222</td>
          </tr>
        </tbody>
      </table>
    ),
  },
} satisfies Meta<typeof ChartCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
export const Empty: Story = { args: { empty: true } };
export const WithTable: Story = { args: { tableOpen: true } };
