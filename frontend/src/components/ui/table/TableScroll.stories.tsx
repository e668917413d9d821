import type { Meta, StoryObj } from "@storybook/react-vite";

import { TableScroll } from "./TableScroll";

const meta = {
  title: "UI/TableScroll",
  component: TableScroll,
  args: {
    label: "Patients by nationality",
    children: (
      <table>
        <thead>
          <tr>
            <th scope="col">Nationality</th>
            <th scope="col" className="num">
              Patients
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>USA</td>
            <td className="num">12,034</td>
          </tr>
          <tr>
            <td>DEU</td>
            <td className="num">8,210</td>
          </tr>
        </tbody>
      </table>
    ),
  },
} satisfies Meta<typeof TableScroll>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Data: Story = {};
