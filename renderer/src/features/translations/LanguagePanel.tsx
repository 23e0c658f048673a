import { Alert, Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { MessageSetup } from '../../../../shared/api';
import type { LanguageChoice } from '../../../../shared/domain/translations';
import { useStore } from '../../store';
import { languageLabel } from './language-label';

type Mode = LanguageChoice['kind'];

/** The form's draft: a column choice waits for its column before it is stored. */
interface Draft {
  mode: Mode;
  column: string | null;
  fallback: string | null;
}

function draftOf(choice: LanguageChoice, fixed: string | null): Draft {
  return {
    mode: choice.kind,
    column: choice.kind === 'column' ? choice.column : null,
    fallback: choice.kind === 'fixed' ? fixed : choice.fallback,
  };
}

function choiceOf(d: Draft): LanguageChoice | null {
  if (d.mode === 'fixed') return { kind: 'fixed' };
  if (d.fallback === null) return null;
  if (d.mode === 'country') return { kind: 'country', fallback: d.fallback };
  return d.column === null ? null : { kind: 'column', column: d.column, fallback: d.fallback };
}

function Intro({ family, fixed }: { family: string[]; fixed: string | null }) {
  if (family.length >= 2)
    return (
      <Text size="sm" c="dimmed">
        This template is approved in {family.length} languages:{' '}
        {family.map(languageLabel).join(', ')}. Send everybody{' '}
        {fixed ? languageLabel(fixed) : 'one language'}, or each customer theirs.
      </Text>
    );
  return (
    <Text size="sm" c="dimmed" data-testid="language-single">
      This template is approved in {family[0] ? languageLabel(family[0]) : 'no language'} only. To
      send each customer their language, add a translation with the same name in the Template
      studio.
    </Text>
  );
}

/**
 * The Message tab's language choice: one language for everybody, or per recipient from a column or
 * the phone's country, with the fallback for those whose language has no translation.
 */
export function LanguagePanel({ setup }: { setup: MessageSetup }) {
  const split = useStore((s) => s.variantsView?.split ?? false);
  const language = setup.language;
  const fixed = setup.templateLanguage;
  const [draft, setDraft] = useState<Draft>(() =>
    draftOf(language?.choice ?? { kind: 'fixed' }, fixed),
  );
  const [error, setError] = useState<string | null>(null);
  const stored = JSON.stringify(language?.choice ?? null);
  useEffect(() => {
    if (language) setDraft(draftOf(language.choice, fixed));
    // Follows the stored choice (another window, the CLI); `stored` is its identity.
  }, [stored, fixed]);
  if (!language || !setup.template) return null;
  const family = language.family;

  const change = async (next: Draft) => {
    setDraft(next);
    const choice = choiceOf(next);
    if (!choice) return;
    const refused = await useStore.getState().setLanguage(choice);
    setError(refused?.message ?? null);
  };

  const disabled = !setup.editable || split || (family.length < 2 && draft.mode === 'fixed');
  return (
    <Paper withBorder p="md" data-testid="language-panel">
      <Stack gap="sm">
        <Title order={4}>Language</Title>
        <Intro family={family} fixed={fixed} />
        {split && (
          <Alert color="gray" data-testid="language-split">
            A/B variants each send their own template in one language, so every recipient of this
            campaign gets its variant’s language. Remove the variants to pick each customer’s
            language.
          </Alert>
        )}
        <SegmentedControl
          size="xs"
          aria-label="How each recipient’s language is chosen"
          value={draft.mode}
          disabled={disabled}
          data={[
            { value: 'fixed', label: 'One language for everybody' },
            { value: 'column', label: 'From a column' },
            { value: 'country', label: 'By phone’s country' },
          ]}
          onChange={(m) => void change({ ...draft, mode: m })}
        />
        {draft.mode !== 'fixed' && (
          <Group gap="xs" align="flex-end">
            {draft.mode === 'column' && (
              <Select
                label="Column with each customer’s language"
                placeholder="Choose a column"
                data={setup.columns}
                value={draft.column}
                onChange={(c) => void change({ ...draft, column: c })}
                disabled={disabled}
                searchable
                w={240}
              />
            )}
            <Select
              label="Fallback language"
              description="For customers whose language has no translation"
              data={family.map((c) => ({ value: c, label: languageLabel(c) }))}
              value={draft.fallback}
              onChange={(f) => void change({ ...draft, fallback: f })}
              disabled={disabled}
              allowDeselect={false}
              w={240}
            />
          </Group>
        )}
        {error && (
          <Text size="sm" c="red" data-testid="language-error">
            {error}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
