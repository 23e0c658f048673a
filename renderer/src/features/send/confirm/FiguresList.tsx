import { Table, Text } from '@mantine/core';
import { upperFirst } from '../../../../../shared/domain/reach';
import { durationText, moneyText, type SendFigures } from './figures';
import { fmt, noun } from '../../../lib/format';

/** Template, sending number, who receives it, who is left out and why, cost and duration. */
export function FiguresList({ figures }: { figures: SendFigures }) {
  const rows: [string, string, string][] = [
    ['template', 'Template', figures.template],
    ['from', 'Sending number', figures.from],
    ['recipients', 'Will receive it', fmt().countOf(figures.willReceive, noun('recipient'))],
    ['cost', 'Estimated cost', `${moneyText(figures.cost)} if every message is delivered`],
    [
      'duration',
      'Expected duration',
      `${durationText(figures.durationSeconds)} ${figures.rateText}`,
    ],
  ];
  return (
    <Table withRowBorders={false} verticalSpacing={4} data-testid="send-figures">
      <Table.Tbody>
        {rows.map(([key, label, value]) => (
          <Table.Tr key={key} data-figure={key}>
            <Table.Td w={170}>
              <Text size="sm" c="dimmed">
                {label}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm" fw={key === 'recipients' ? 700 : 400}>
                {value}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
        {figures.leftOut.map((g) => (
          <Table.Tr key={`${g.kind}:${g.reason}`} data-figure="left-out" data-kind={g.kind}>
            <Table.Td>
              <Text size="sm" c="dimmed">
                Left out
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">
                {fmt().count(g.count)}: {upperFirst(g.reason)}
                {g.fix ? ` — ${g.fix}` : ''}
              </Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
