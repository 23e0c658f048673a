import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import type { LanguagePlan } from '../../../../shared/domain/translations';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';
import { languageLabel } from './language-label';

/** Recipients per language, and who gets the fallback because their language has no translation. */
export function LanguageCounts({ plan }: { plan: LanguagePlan }) {
  const fellBack = plan.counts.reduce((n, c) => n + c.fellBack, 0);
  const more = fellBack - plan.fellBackExamples.length;
  return (
    <Stack gap={4} data-testid="language-counts">
      <Text fw={600} size="sm">
        Languages
      </Text>
      <Table aria-label="Recipients per language">
        <Table.Tbody>
          {plan.counts.map((c) => (
            <Table.Tr key={c.language} data-testid="language-count" data-language={c.language}>
              <Table.Td>{languageLabel(c.language)}</Table.Td>
              <Table.Td>{fmt().count(c.rows)}</Table.Td>
              <Table.Td>
                {c.fellBack > 0 && (
                  <Text size="xs" c="dimmed">
                    {fmt().count(c.fellBack)} of them as the fallback
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {fellBack > 0 && plan.fallback && (
        <Stack gap={2} data-testid="language-fell-back">
          <Text size="sm">
            {fellBack === 1 ? '1 recipient’s' : `${fmt().count(fellBack)} recipients’`} language has
            no translation: they get the fallback, {languageLabel(plan.fallback)} (nobody is left
            out for it).
          </Text>
          <Group gap={6}>
            {plan.fellBackExamples.map((e) => (
              <Anchor
                key={e.recipientId}
                size="xs"
                component="button"
                onClick={() =>
                  void useStore.getState().showRecipient({ recipientId: e.recipientId })
                }
              >
                row {e.rowNumber} ({e.value === '' ? 'empty' : e.value})
              </Anchor>
            ))}
            {more > 0 && (
              <Text size="xs" c="dimmed">
                and {fmt().count(more)} more
              </Text>
            )}
          </Group>
        </Stack>
      )}
    </Stack>
  );
}
