import { ActionIcon, Group, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import type { FilterCheckCount } from '../../../../../shared/api';
import { OP_LABEL, opKind, type FilterOp } from '../../../../../shared/domain/audience-filter';
import { useStore } from '../../../store';
import { changeOp, conditionProblem, updateNode, removeNode, type DraftCondition } from './draft';
import { fmt } from '../../../lib/format';

const OP_GROUPS: { group: string; ops: FilterOp[] }[] = [
  {
    group: 'Text',
    ops: ['equals', 'not_equals', 'contains', 'not_contains', 'one_of', 'empty', 'not_empty'],
  },
  {
    group: 'Number',
    ops: ['num_eq', 'num_ne', 'num_lt', 'num_le', 'num_gt', 'num_ge', 'num_between'],
  },
  { group: 'Date', ops: ['date_before', 'date_after', 'date_on', 'date_between'] },
];
const OP_DATA = OP_GROUPS.map((g) => ({
  group: g.group,
  items: g.ops.map((op) => ({ value: op, label: OP_LABEL[op] })),
}));

/** "12 cells in “Spent” are not numbers (e.g. “n/a”): they never match this condition." */
export function unreadableHint(check: FilterCheckCount): string {
  const n = check.unreadable;
  const examples =
    check.examples.length > 0 ? ` (e.g. ${check.examples.map((e) => `“${e}”`).join(', ')})` : '';
  return n === 1
    ? `1 cell in “${check.column}” is not a ${check.kind}${examples}: it never matches this condition.`
    : `${fmt().count(n)} cells in “${check.column}” are not ${check.kind}s${examples}: they never match this condition.`;
}

export function ConditionRow({
  condition,
  number,
  editable,
}: {
  condition: DraftCondition;
  number: number;
  editable: boolean;
}) {
  const state = useStore((s) => s.filterState);
  const decimal = useStore((s) => s.filterDraft?.decimal ?? '.');
  const check = useStore((s) =>
    s.filterCount?.checks.find((c) => c.conditionIds.includes(condition.id)),
  );
  const edit = (change: (c: DraftCondition) => DraftCondition) =>
    useStore
      .getState()
      .editFilter((d) =>
        updateNode(d, condition.id, (n) => (n.kind === 'condition' ? change(n) : n)),
      );
  const columns = state?.columns ?? [];
  const missing = condition.column !== '' && !columns.includes(condition.column);
  const kind = opKind(condition.op);
  const problem = conditionProblem(condition, decimal);
  const label = (what: string) => `${what} of condition ${number}`;
  const numberPlaceholder = decimal === '.' ? 'e.g. 1,000.50' : 'e.g. 1.000,50';

  return (
    <Stack gap={4} data-testid="filter-condition" data-condition-id={condition.id}>
      <Group gap="xs" align="flex-start" wrap="wrap">
        <Select
          aria-label={label('Column')}
          placeholder="Column"
          data={(missing ? [...columns, condition.column] : columns).map((c) => ({
            value: c,
            label: columns.includes(c) ? c : `${c} (not in the audience)`,
          }))}
          value={condition.column || null}
          onChange={(c) => edit((x) => ({ ...x, column: c ?? '' }))}
          searchable
          disabled={!editable}
          w={200}
        />
        <Select
          aria-label={label('Operator')}
          data={OP_DATA}
          value={condition.op}
          onChange={(op) => op && edit((x) => changeOp(x, op))}
          allowDeselect={false}
          disabled={!editable}
          w={190}
        />
        {kind === 'text' && (
          <TextInput
            aria-label={label('Value')}
            placeholder="Value"
            value={condition.value}
            onChange={(e) => edit((x) => ({ ...x, value: e.currentTarget.value }))}
            disabled={!editable}
            w={220}
          />
        )}
        {kind === 'list' && (
          <TagsInput
            aria-label={label('Values')}
            placeholder="Type a value, press Enter"
            value={condition.values}
            onChange={(values) => edit((x) => ({ ...x, values }))}
            splitChars={[',', ';']}
            clearable
            disabled={!editable}
            maxTags={1000}
            w={320}
          />
        )}
        {kind === 'number' && condition.op !== 'num_between' && (
          <TextInput
            aria-label={label('Number')}
            placeholder={numberPlaceholder}
            inputMode="decimal"
            value={condition.value}
            onChange={(e) => edit((x) => ({ ...x, value: e.currentTarget.value }))}
            disabled={!editable}
            w={160}
          />
        )}
        {condition.op === 'num_between' && (
          <Group gap={4}>
            <TextInput
              aria-label={label('Lowest number')}
              placeholder={numberPlaceholder}
              inputMode="decimal"
              value={condition.min}
              onChange={(e) => edit((x) => ({ ...x, min: e.currentTarget.value }))}
              disabled={!editable}
              w={130}
            />
            <Text size="sm">and</Text>
            <TextInput
              aria-label={label('Highest number')}
              placeholder={numberPlaceholder}
              inputMode="decimal"
              value={condition.max}
              onChange={(e) => edit((x) => ({ ...x, max: e.currentTarget.value }))}
              disabled={!editable}
              w={130}
            />
          </Group>
        )}
        {kind === 'date' && condition.op !== 'date_between' && (
          <TextInput
            type="date"
            aria-label={label('Date')}
            value={condition.value}
            onChange={(e) => edit((x) => ({ ...x, value: e.currentTarget.value }))}
            disabled={!editable}
            w={170}
          />
        )}
        {condition.op === 'date_between' && (
          <Group gap={4}>
            <TextInput
              type="date"
              aria-label={label('First date')}
              value={condition.min}
              onChange={(e) => edit((x) => ({ ...x, min: e.currentTarget.value }))}
              disabled={!editable}
              w={170}
            />
            <Text size="sm">and</Text>
            <TextInput
              type="date"
              aria-label={label('Last date')}
              value={condition.max}
              onChange={(e) => edit((x) => ({ ...x, max: e.currentTarget.value }))}
              disabled={!editable}
              w={170}
            />
          </Group>
        )}
        {editable && (
          <ActionIcon
            variant="subtle"
            color="gray"
            mt={4}
            aria-label={`Remove condition ${number}`}
            onClick={() => useStore.getState().editFilter((d) => removeNode(d, condition.id))}
          >
            ✕
          </ActionIcon>
        )}
      </Group>
      {problem && editable && (
        <Text size="xs" c="orange" data-testid="condition-incomplete">
          Not applied yet: {problem}
        </Text>
      )}
      {missing && (
        <Text size="xs" c="red" data-testid="condition-missing-column">
          This audience has no column “{condition.column}”: its cells count as empty.
        </Text>
      )}
      {check && check.unreadable > 0 && !problem && (
        <Text size="xs" c="orange" data-testid="condition-hint">
          {unreadableHint(check)}
        </Text>
      )}
    </Stack>
  );
}
