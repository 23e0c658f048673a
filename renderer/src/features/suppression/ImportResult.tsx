import { Alert, Button, List, Text } from '@mantine/core';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';

/** What a file import did: counts that add up to the rows read, and the rows it could not read. */
export function ImportResult() {
  const { result, error } = useStore((s) => s.suppressionImport);
  const clear = useStore((s) => s.clearSuppressionImport);
  if (error) {
    return (
      <Alert
        color="red"
        title="The file was not imported; the list is unchanged"
        withCloseButton
        onClose={clear}
        data-testid="suppression-import-error"
      >
        {error.message}
      </Alert>
    );
  }
  if (!result) return null;
  return (
    <Alert
      color={result.rejected ? 'yellow' : 'green'}
      title={`Imported "${result.fileName}"`}
      withCloseButton
      onClose={clear}
      data-testid="suppression-import-result"
    >
      <Text size="sm">
        {fmt().countOf(result.rows, noun('row'))} read from the column “{result.phoneColumn}”:{' '}
        {fmt().count(result.added)} added, {fmt().count(result.alreadyListed)} already on the list,{' '}
        {fmt().count(result.duplicates)} repeated in the file, {fmt().count(result.rejected)} not a
        valid number.
      </Text>
      {result.rejectedRows.length > 0 && (
        <List size="sm" mt="xs">
          {result.rejectedRows.slice(0, 10).map((r) => (
            <List.Item key={r.row}>
              Row {r.row}: “{r.value}” — {r.reason}
            </List.Item>
          ))}
          {result.rejected > 10 && (
            <List.Item>… and {fmt().count(result.rejected - 10)} more.</List.Item>
          )}
        </List>
      )}
      {result.rejected > 0 && (
        <Button size="xs" variant="subtle" mt="xs" onClick={clear}>
          Got it
        </Button>
      )}
    </Alert>
  );
}
