import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import {
  buttonsNeedingInput,
  libraryDraft,
  libraryInputProblem,
  previewDraft,
  type LibraryButtonInput,
  type LibraryTemplate,
} from '../../../../shared/domain/studio';
import { useStore } from '../../store';
import { MessageBubble } from '../templates/MessageBubble';

/** What the owner typed for each button that needs the shop's own value, in Meta's input shape. */
function inputsOf(t: LibraryTemplate, values: Record<number, { value: string; sample: string }>) {
  return buttonsNeedingInput(t).map(
    (b, i): LibraryButtonInput & { type: 'URL' | 'PHONE_NUMBER' } => {
      const v = values[i] ?? { value: '', sample: '' };
      if (b.type === 'PHONE_NUMBER') return { type: 'PHONE_NUMBER', phone_number: v.value.trim() };
      return {
        type: 'URL',
        url: {
          base_url: v.value.trim(),
          ...(v.value.includes('{{') && v.sample.trim() && { url_suffix_example: v.sample.trim() }),
        },
      };
    },
  );
}

function Chosen({ t, onDone }: { t: LibraryTemplate; onDone: () => void }) {
  const create = useStore((s) => s.createFromLibrary);
  const busy = useStore((s) => s.studioBusy);
  const [name, setName] = useState(t.name.replace(/_\d+$/, ''));
  const [values, setValues] = useState<Record<number, { value: string; sample: string }>>({});
  const [error, setError] = useState<string | null>(null);
  const inputs = useMemo(() => inputsOf(t, values), [t, values]);
  const message = useMemo(() => previewDraft(libraryDraft(t, name, inputs)), [t, name, inputs]);
  const problem = libraryInputProblem(t, inputs);
  const set = (i: number, patch: Partial<{ value: string; sample: string }>) =>
    setValues((old) => ({ ...old, [i]: { value: '', sample: '', ...old[i], ...patch } }));

  async function submit() {
    const err = await create({ library: t.name, language: t.language, name, buttons: inputs });
    setError(err?.message ?? null);
    if (!err) onDone();
  }

  return (
    <Paper withBorder p="md" data-testid="library-chosen">
      <Group align="flex-start" grow>
        <Stack gap="xs">
          <TextInput
            label="Your template's name"
            description="lowercase_with_underscores"
            value={name}
            onChange={(x) => setName(x.currentTarget.value)}
          />
          {buttonsNeedingInput(t).map((b, i) =>
            b.type === 'PHONE_NUMBER' ? (
              <TextInput
                key={i}
                label={`Your phone number for "${b.text}"`}
                placeholder="+44 20 7946 0000"
                value={values[i]?.value ?? ''}
                onChange={(x) => set(i, { value: x.currentTarget.value })}
              />
            ) : (
              <Stack key={i} gap={4}>
                <TextInput
                  label={`Your web address for "${b.text}"`}
                  description="Add {{1}} at the end for the order number, e.g. https://shop.example/orders/{{1}}"
                  value={values[i]?.value ?? ''}
                  onChange={(x) => set(i, { value: x.currentTarget.value })}
                />
                {values[i]?.value.includes('{{') && (
                  <TextInput
                    label="A full sample address"
                    value={values[i]?.sample ?? ''}
                    onChange={(x) => set(i, { sample: x.currentTarget.value })}
                  />
                )}
              </Stack>
            ),
          )}
          {problem && <Text size="sm">{problem}</Text>}
          {error && (
            <Alert color="red" title="Not created">
              {error}
            </Alert>
          )}
          <Button onClick={() => void submit()} loading={busy} disabled={problem !== null}>
            Create from the library
          </Button>
        </Stack>
        <Paper p="md" bg="var(--mantine-color-green-0)" data-testid="library-preview">
          <MessageBubble message={message} />
          <Text size="xs" c="dimmed" mt="xs">
            Already categorised as {t.category.toLowerCase()} by WhatsApp: no review wait. The
            wording is fixed; the variables are filled from your customer list when you send.
          </Text>
        </Paper>
      </Group>
    </Paper>
  );
}

/** "Start from Meta's library": ready-made utility templates, searched, previewed, created in one step. */
export function LibraryPanel() {
  const list = useStore((s) => s.studioLibrary);
  const searchLibrary = useStore((s) => s.searchStudioLibrary);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<LibraryTemplate | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const run = async (q: string) => setError((await searchLibrary(q))?.message ?? null);
  // The whole library once, on opening the studio.
  useEffect(() => void run(''), []);

  return (
    <Stack gap="sm" data-testid="studio-library">
      <Title order={4}>Start from WhatsApp's template library</Title>
      <Group align="flex-end">
        <TextInput
          label="Search the library"
          placeholder="order, delivery, appointment, payment…"
          value={search}
          onChange={(x) => setSearch(x.currentTarget.value)}
          onKeyDown={(x) => x.key === 'Enter' && void run(search)}
          style={{ flex: 1 }}
        />
        <Button variant="default" onClick={() => void run(search)}>
          Search
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {created && (
        <Alert color="teal">Created and approved: it is ready to use in a campaign.</Alert>
      )}
      {list.length === 0 && !error && <Text size="sm">Nothing in the library matches.</Text>}
      <Group gap="xs">
        {list.map((t) => (
          <Button
            key={t.id}
            variant={chosen?.id === t.id ? 'filled' : 'default'}
            size="xs"
            onClick={() => {
              setChosen(t);
              setCreated(false);
            }}
          >
            {t.name.replace(/_\d+$/, '').replace(/_/g, ' ')}
            <Badge size="xs" ml={6} variant="light">
              {t.topic.toLowerCase().replace(/_/g, ' ')}
            </Badge>
          </Button>
        ))}
      </Group>
      {chosen && (
        <Chosen
          key={chosen.id}
          t={chosen}
          onDone={() => {
            setChosen(null);
            setCreated(true);
          }}
        />
      )}
    </Stack>
  );
}
