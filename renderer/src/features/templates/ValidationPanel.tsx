import {
  Alert,
  Anchor,
  Badge,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { ValidationReason, ValidationSummary } from '../../../../shared/api';
import { leftOutSentence } from '../../../../shared/domain/reach';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';
import { CellFixButtons } from './CellFixButtons';
import { LanguageCounts } from '../translations/LanguageCounts';
import { inFormWords } from '../../../../shared/domain/templates/slot-label';
import type { Slot } from '../../../../shared/domain/templates';

const ACTION_TEXT: Record<ValidationReason['action'], (n: number) => string> = {
  fix_mapping: () => 'Every recipient has this: fix the mapping above.',
  choose_template: () => 'Choose an approved template, or sync again once this one is approved.',
  skip_recipients: (n) =>
    `${n === 1 ? 'This recipient' : `These ${fmt().count(n)} recipients`} will be skipped when sending, with this reason. Or fix ${n === 1 ? 'the row' : 'their rows'} in your file and import again.`,
};

/** The slots of the chosen template, to name them as the form does. */
const useSlots = () => useStore((s) => s.setup?.template?.slots ?? NO_SLOTS);
const NO_SLOTS: Slot[] = [];

function Reason({ reason }: { reason: ValidationReason }) {
  const slots = useSlots();
  // With an A/B split the preview shown is the variant's; both follow the row asked for.
  const show = async (target: { recipientId: number }) => {
    const s = useStore.getState();
    await Promise.all([
      s.showRecipient(target),
      s.variantsView?.split ? s.showVariantRecipient(target) : undefined,
    ]);
  };
  return (
    <Table.Tr data-testid="validation-reason" data-code={reason.code}>
      <Table.Td>
        <Text fw={600} size="sm">
          {reason.label}
        </Text>
        {reason.slots.length > 0 && (
          <Text size="xs" c="dimmed">
            {reason.slots.map((k) => inFormWords(k, slots)).join(', ')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Badge color={reason.action === 'skip_recipients' ? 'orange' : 'red'} variant="light">
          {fmt().count(reason.count)}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{ACTION_TEXT[reason.action](reason.count)}</Text>
        <CellFixButtons reason={reason} slots={slots} />
        <Group gap={6} mt={4}>
          {reason.examples.slice(0, 8).map((e) => (
            <Anchor
              key={e.recipientId}
              size="xs"
              component="button"
              title={inFormWords(e.message, slots)}
              onClick={() => void show({ recipientId: e.recipientId })}
            >
              row {e.rowNumber}
            </Anchor>
          ))}
          {reason.count > 8 && (
            <Text size="xs" c="dimmed">
              …
            </Text>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

/**
 * The one count every screen shows (the reach): who will receive the message of the whole audience,
 * then who is left out, by reason, in the same words as Review & send and the confirmation.
 */
function reachText(v: ValidationSummary): string {
  const leftOut = v.leftOut.reduce((a, g) => a + g.count, 0);
  const audience = v.willReceive + leftOut;
  if (audience === 0) return 'There is nobody to send to yet: add customers in the Audience tab.';
  const head =
    leftOut === 0
      ? audience === 1
        ? 'The 1 recipient will receive this message.'
        : audience === 1
          ? 'The one recipient will receive this message.'
          : `All ${fmt().countOf(audience, noun('recipient'))} will receive this message.`
      : `${fmt().count(v.willReceive)} of ${fmt().countOf(audience, noun('recipient'))} will receive this message.`;
  return leftOut === 0 ? head : `${head} ${leftOutSentence(v.leftOut)}`;
}

/** Every recipient checked by the rules Meta enforces, summarised by reason, before anything is sent. */
export function ValidationPanel() {
  const v = useStore((s) => s.validation);
  const validating = useStore((s) => s.validating);
  const slots = useSlots();
  return (
    <Paper withBorder p="md" data-testid="validation-summary">
      <Stack gap="sm">
        <Group gap="xs">
          <Title order={4}>Check before sending</Title>
          {validating && <Loader size="xs" />}
        </Group>
        {!v && !validating && <Text c="dimmed">Nothing checked yet.</Text>}
        {v?.unavailable && <Text c="dimmed">{v.unavailable}</Text>}
        {v && !v.unavailable && (
          <>
            <Text data-testid="validation-counts">{reachText(v)}</Text>
            {v.languages && <LanguageCounts plan={v.languages} />}
            {v.reasons.length > 0 && (
              <Table aria-label="Problems by reason">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Reason</Table.Th>
                    <Table.Th>Recipients</Table.Th>
                    <Table.Th>What to do</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {v.reasons.map((r) => (
                    <Reason key={r.code} reason={r} />
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </>
        )}
        {v && v.mappingProblems.length > 0 && (
          <Alert color="red" title="Fix the mapping" data-testid="mapping-problems">
            {v.mappingProblems.map((p) => (
              <Text key={p} size="sm">
                {inFormWords(p, slots)}
              </Text>
            ))}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
