import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ImportResult } from '../../../../shared/api';
import { api } from '../../lib/api';
import { fmt, noun } from '../../lib/format';

function Stat({
  label,
  value,
  color,
  testId,
}: {
  label: string;
  value: number;
  color?: string;
  testId: string;
}) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text fw={700} size="xl" c={value > 0 ? color : undefined}>
        {fmt().count(value)}
      </Text>
    </div>
  );
}

/** What the import did, row by row where it matters: nothing is dropped without a reason. */
export function ImportResultPanel({ result }: { result: ImportResult }) {
  const rejected = result.invalid + result.missingPhone;
  return (
    <Paper withBorder p="md" data-testid="import-summary">
      <Stack>
        <Title order={4}>Imported {result.fileName}</Title>
        <SimpleGrid cols={{ base: 3, md: 6 }}>
          <Stat label="Added" value={result.imported} color="teal" testId="stat-imported" />
          <Stat
            label="Duplicates"
            value={result.duplicates}
            color="gray"
            testId="stat-duplicates"
          />
          <Stat label="Invalid numbers" value={result.invalid} color="red" testId="stat-invalid" />
          <Stat label="No phone" value={result.missingPhone} color="orange" testId="stat-missing" />
          <Stat
            label="Opted out (skipped)"
            value={result.suppressed}
            color="grape"
            testId="stat-suppressed"
          />
          <Stat
            label="Landlines? (kept)"
            value={result.nonMobile}
            color="yellow"
            testId="stat-nonmobile"
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {fmt().countOf(result.rows, noun('customer row'))} read
          {result.encoding ? ` as ${result.encoding}` : ''}
          {result.blankRows
            ? `, ${fmt().countOf(result.blankRows, noun('blank row'))} ignored`
            : ''}
          . Phone column: “{result.phoneColumn}”
          {result.phoneFallback
            ? `; ${fmt().countOf(result.phoneFallback.rows, noun('row'))} without a usable number there used “${result.phoneFallback.column}”`
            : ''}
          {result.defaultCountry
            ? `, numbers without a country code read as ${result.defaultCountry}`
            : ''}
          .
        </Text>
        {result.raggedRows > 0 && (
          <Alert
            color="yellow"
            title={`${fmt().countOf(result.raggedRows, noun('row'))} had more or fewer cells than the header`}
          >
            They were imported; check rows {result.raggedRowNumbers.slice(0, 10).join(', ')}
            {result.raggedRows > 10 ? '…' : ''} in your file.
          </Alert>
        )}
        {rejected > 0 && (
          <>
            <Group justify="space-between">
              <Text fw={600}>
                {fmt().countOf(rejected, noun('row'))} {rejected === 1 ? 'was' : 'were'} not added
              </Text>
              <Button
                variant="light"
                onClick={() => void api.download('import-rejects', result.importId)}
              >
                Download rows to fix (CSV)
              </Button>
            </Group>
            <Table withTableBorder aria-label="Rows not added" data-testid="invalid-rows">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Row</Table.Th>
                  <Table.Th>Phone cell</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.invalidRows.slice(0, 20).map((r) => (
                  <Table.Tr key={r.row}>
                    <Table.Td>{r.row}</Table.Td>
                    <Table.Td ff="monospace">{r.value}</Table.Td>
                    <Table.Td>{r.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {rejected > 20 && (
              <Text size="sm" c="dimmed">
                Showing the first 20; the CSV has all {fmt().count(rejected)}, with your original
                columns, ready to fix and import again.
              </Text>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
