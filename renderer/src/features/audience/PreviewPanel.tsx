import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMemo } from 'react';
import { DELIMITERS, DELIMITER_LABEL, ENCODINGS, ENCODING_LABEL } from '../../../../shared/api';
import { useStore } from '../../store';
import { countryOptions } from './countries';
import { FallbackPhoneSelect } from './FallbackPhoneSelect';
import { CountrySuggestion, suggestedRowText, useCountrySuggestion } from './CountrySuggestion';
import { fmt } from '../../lib/format';

const formatBytes = (n: number): string => fmt().bytes(n);

/** What the file looks like as read, with every detected choice changeable. */
export function PreviewPanel() {
  const preview = useStore((s) => s.preview);
  const options = useStore((s) => s.readOptions);
  const loading = useStore((s) => s.previewLoading);
  const { setReadOption, startImport, discardFile } = useStore.getState();
  const countries = useMemo(() => countryOptions(), []);
  const suggestion = useCountrySuggestion(preview);
  if (!preview) return null;
  const phoneIndex = preview.phoneColumn ? preview.columns.indexOf(preview.phoneColumn) : -1;
  const valid = preview.phones.filter((p) => p.ok).length;

  return (
    <Paper withBorder p="md" data-testid="import-preview">
      <Stack>
        <Group justify="space-between">
          <div>
            <Title order={4}>{preview.fileName}</Title>
            <Text size="sm" c="dimmed">
              {preview.format === 'xlsx' ? 'Excel workbook (first sheet)' : 'Text file'} ·{' '}
              {formatBytes(preview.size)}
            </Text>
          </div>
          <Button variant="subtle" color="gray" onClick={discardFile}>
            Choose another file
          </Button>
        </Group>
        <Group align="flex-end" gap="md">
          {preview.format === 'csv' && (
            <>
              <Select
                label="Encoding"
                data={ENCODINGS.map((e) => ({ value: e, label: ENCODING_LABEL[e] }))}
                value={options.encoding ?? preview.encoding}
                onChange={(v) => void setReadOption('encoding', v ?? undefined)}
                allowDeselect={false}
                w={250}
              />
              <Select
                label="Separator"
                data={DELIMITERS.map((d) => ({ value: d, label: DELIMITER_LABEL[d] }))}
                value={options.delimiter ?? preview.delimiter}
                onChange={(v) => void setReadOption('delimiter', v ?? undefined)}
                allowDeselect={false}
                w={140}
              />
            </>
          )}
          <Select
            label="Phone column"
            data={preview.columns}
            value={preview.phoneColumn}
            onChange={(v) => void setReadOption('phoneColumn', v ?? undefined)}
            placeholder="Choose the column"
            allowDeselect={false}
            searchable
            w={220}
          />
          <FallbackPhoneSelect preview={preview} />
          <Select
            label="Country for numbers without +code"
            data={countries}
            value={preview.defaultCountry}
            onChange={(v) => void setReadOption('defaultCountry', v)}
            searchable
            clearable
            placeholder="None: every number needs +code"
            w={280}
          />
          <Switch
            label="First row is a header"
            checked={preview.hasHeader}
            onChange={(e) => void setReadOption('hasHeader', e.currentTarget.checked)}
            mb={8}
          />
        </Group>
        <CountrySuggestion
          preview={preview}
          suggestion={suggestion}
          onUse={(country) => void setReadOption('defaultCountry', country)}
        />
        {preview.preset && (
          <Alert color="blue" data-testid="import-preset">
            Looks like a {preview.preset.label}: phone numbers are read from “
            {preview.phoneColumn ?? '—'}”
            {preview.fallbackPhoneColumn
              ? `, or from “${preview.fallbackPhoneColumn}” when that cell is empty`
              : ''}
            . Choose other columns above if that is wrong.
          </Alert>
        )}
        {preview.renamedColumns.length > 0 && (
          <Alert color="yellow" title="Some column names were blank or repeated">
            {preview.renamedColumns.map((r) => `"${r.from}" → "${r.to}"`).join(', ')}
          </Alert>
        )}
        {!preview.phoneColumn && (
          <Alert color="orange" title="Which column holds the phone numbers?">
            No column looks like phone numbers. Choose it above.
          </Alert>
        )}
        <ScrollArea>
          <Table striped withTableBorder aria-label="File preview" data-testid="preview-table">
            <Table.Thead>
              <Table.Tr>
                {preview.columns.map((c, i) => (
                  <Table.Th
                    key={c}
                    style={
                      i === phoneIndex ? { background: 'var(--mantine-color-teal-0)' } : undefined
                    }
                  >
                    {c}
                  </Table.Th>
                ))}
                <Table.Th>Number as sent</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.map((row, r) => {
                const phone = preview.phones[r];
                return (
                  <Table.Tr key={r}>
                    {preview.columns.map((c, i) => (
                      <Table.Td key={c}>{row[i] ?? ''}</Table.Td>
                    ))}
                    <Table.Td>
                      {phone?.ok ? (
                        <Group gap={4} wrap="nowrap">
                          <Text size="sm" ff="monospace">
                            {phone.e164}
                          </Text>
                          {phone.nonMobile && (
                            <Badge
                              size="xs"
                              color="yellow"
                              title="Looks like a landline: WhatsApp may not reach it"
                            >
                              landline?
                            </Badge>
                          )}
                        </Group>
                      ) : (
                        <RowProblem
                          reason={phone?.reason ?? ''}
                          suggested={suggestedRowText(row[phoneIndex] ?? '', suggestion)}
                        />
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </ScrollArea>
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {valid} of {preview.rows.length} preview rows have a number WhatsApp can use.
          </Text>
          <Button onClick={() => void startImport()} disabled={!preview.phoneColumn || loading}>
            Import customers
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Why a preview row's number cannot be used; in blue when the suggestion above fixes it. */
function RowProblem({ reason, suggested }: { reason: string; suggested: string | null }) {
  return (
    <Text size="sm" c={suggested ? 'blue' : 'red'} title={suggested ?? reason}>
      {suggested ?? reason}
    </Text>
  );
}
