import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';

export const ACCEPTED_FILES =
  '.csv,.tsv,.txt,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The empty audience: drop a file here (or anywhere on the window), or pick one. */
export function DropArea({ onFile, busy }: { onFile: (file: File) => void; busy: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <Paper
      withBorder
      p="xl"
      radius="md"
      data-testid="drop-area"
      style={{
        borderStyle: 'dashed',
        borderWidth: 2,
        background: over ? 'var(--mantine-color-teal-0)' : undefined,
      }}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setOver(false);
        const file = e.dataTransfer.files[0];
        if (file) onFile(file);
      }}
    >
      <Stack align="center" gap="xs">
        <Title order={4}>Drop your customer list here</Title>
        <Text c="dimmed" size="sm" ta="center">
          A CSV, TSV or TXT export from Excel, Google Sheets, Google Contacts, Shopify or your till,
          or an Excel .xlsx file. Any encoding, comma or semicolon, any phone format: you will see a
          preview before anything is imported.
        </Text>
        <Button variant="light" loading={busy} onClick={() => input.current?.click()}>
          Choose a file…
        </Button>
        <input
          ref={input}
          type="file"
          accept={ACCEPTED_FILES}
          hidden
          data-testid="file-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) onFile(file);
          }}
        />
      </Stack>
    </Paper>
  );
}
