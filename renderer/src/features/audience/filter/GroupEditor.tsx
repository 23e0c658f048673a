import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { Fragment } from 'react';
import { FILTER_LIMITS } from '../../../../../shared/domain/audience-filter';
import { useStore } from '../../../store';
import { ConditionRow } from './ConditionRow';
import {
  addToGroup,
  countDraftConditions,
  newCondition,
  newGroup,
  removeNode,
  updateNode,
  type DraftGroup,
} from './draft';

interface Props {
  group: DraftGroup;
  depth: number;
  /** Condition numbers for labels ("Column of condition 3"), in reading order. */
  numbers: Map<string, number>;
  editable: boolean;
}

/** One group: all / any of its items, which are conditions or groups nested inside it. */
export function GroupEditor({ group, depth, numbers, editable }: Props) {
  const draft = useStore((s) => s.filterDraft);
  const edit = useStore.getState().editFilter;
  const root = depth === 1;
  const conditions = draft ? countDraftConditions(draft.root) : 0;
  const groups = draft ? countGroups(draft.root) : 0;
  const word = group.match === 'all' ? 'AND' : 'OR';
  const name = root ? 'the filter' : `group ${numbers.get(group.id) ?? ''}`.trim();
  const columns = useStore((s) => s.filterState?.columns ?? []);

  const body = (
    <Stack gap="xs">
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <SegmentedControl
            size="xs"
            aria-label={`How ${name} combines its conditions`}
            value={group.match}
            disabled={!editable}
            onChange={(m) =>
              edit((d) =>
                updateNode(d, group.id, (n) =>
                  n.kind === 'group' ? { ...n, match: m === 'any' ? 'any' : 'all' } : n,
                ),
              )
            }
            data={[
              { value: 'all', label: root ? 'All of these (AND)' : 'All (AND)' },
              { value: 'any', label: root ? 'Any of these (OR)' : 'Any (OR)' },
            ]}
          />
          {!root && (
            <Text size="xs" c="dimmed">
              a group
            </Text>
          )}
        </Group>
        {!root && editable && (
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={`Remove ${name}`}
            onClick={() => edit((d) => removeNode(d, group.id))}
          >
            ✕
          </ActionIcon>
        )}
      </Group>
      {group.items.length === 0 && root && (
        <Text size="sm" c="dimmed">
          No conditions: everybody imported gets the message.
        </Text>
      )}
      {group.items.map((item, i) => (
        <Fragment key={item.id}>
          {i > 0 && (
            <Badge
              variant="light"
              color={word === 'AND' ? 'blue' : 'grape'}
              size="xs"
              w="fit-content"
            >
              {word}
            </Badge>
          )}
          {item.kind === 'condition' ? (
            <ConditionRow condition={item} number={numbers.get(item.id) ?? 0} editable={editable} />
          ) : (
            <GroupEditor group={item} depth={depth + 1} numbers={numbers} editable={editable} />
          )}
        </Fragment>
      ))}
      {editable && (
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            disabled={conditions >= FILTER_LIMITS.conditions}
            onClick={() =>
              edit((d) =>
                addToGroup(d, group.id, newCondition(columns.length === 1 ? columns[0] : '')),
              )
            }
          >
            Add condition{root ? '' : ' to this group'}
          </Button>
          {depth < FILTER_LIMITS.depth && (
            <Button
              size="xs"
              variant="subtle"
              disabled={conditions >= FILTER_LIMITS.conditions || groups >= FILTER_LIMITS.groups}
              onClick={() =>
                edit((d) =>
                  addToGroup(d, group.id, newGroup(group.match === 'all' ? 'any' : 'all')),
                )
              }
            >
              Add group ({group.match === 'all' ? 'OR' : 'AND'} inside)
            </Button>
          )}
          {conditions >= FILTER_LIMITS.conditions && (
            <Text size="xs" c="dimmed">
              A filter has at most {FILTER_LIMITS.conditions} conditions.
            </Text>
          )}
        </Group>
      )}
    </Stack>
  );

  if (root) return body;
  return (
    <Paper withBorder p="xs" ml="md" data-testid="filter-group" bg="var(--mantine-color-gray-0)">
      {body}
    </Paper>
  );
}

function countGroups(g: DraftGroup): number {
  return g.items.reduce((n, i) => n + (i.kind === 'group' ? 1 + countGroups(i) : 0), 1);
}
