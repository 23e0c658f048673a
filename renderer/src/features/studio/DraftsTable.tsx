import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import type { StudioTemplate } from '../../../../shared/api';
import { canEdit } from '../../../../shared/domain/studio';
import { useStore } from '../../store';
import type { Editor } from './editor-model';
import { fromDraft } from './from-draft';

const color = (status: string) =>
  status === 'APPROVED' ? 'teal' : status === 'REJECTED' ? 'red' : 'gray';

// Limited-time offers and carousels have no form fields yet: they are edited as JSON (CLI).
function EditButton({
  t,
  onEdit,
}: {
  t: StudioTemplate;
  onEdit: (t: StudioTemplate, form: Editor) => void;
}) {
  const form = fromDraft(t.draft);
  if (!form) return null;
  return (
    <Button size="xs" variant="default" onClick={() => onEdit(t, form)}>
      Edit
    </Button>
  );
}

/** The account's studio templates with their review, and what can be done to each. */
export function DraftsTable({
  onEdit,
  onDelete,
}: {
  onEdit: (t: StudioTemplate, form: Editor) => void;
  onDelete: (t: StudioTemplate) => void;
}) {
  const drafts = useStore((s) => s.studioDrafts);
  const refresh = useStore((s) => s.refreshStudioStatus);
  if (drafts.length === 0) return null;
  return (
    <Paper withBorder p="md">
      <Title order={4} mb="xs">
        Your templates
      </Title>
      <Table data-testid="studio-drafts">
        <Table.Tbody>
          {drafts.map((d) => (
            <Table.Tr key={d.id} data-name={d.name} data-language={d.language}>
              <Table.Td>
                {d.name} ({d.language})
              </Table.Td>
              <Table.Td>
                <Badge data-testid="studio-status" color={color(d.status)}>
                  {d.status}
                </Badge>{' '}
                {d.category.toLowerCase()}
              </Table.Td>
              <Table.Td>
                {d.rejection && (
                  <Text size="sm" c="red">
                    {d.rejection.reason} {d.rejection.fix}
                  </Text>
                )}
                {d.categoryChange && <Text size="sm">{d.categoryChange}</Text>}
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap" justify="flex-end">
                  {d.metaId && (
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => void refresh(d.name, d.language)}
                    >
                      Check status
                    </Button>
                  )}
                  {canEdit(d.status) && <EditButton t={d} onEdit={onEdit} />}
                  <Button size="xs" variant="subtle" color="red" onClick={() => onDelete(d)}>
                    Delete
                  </Button>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
