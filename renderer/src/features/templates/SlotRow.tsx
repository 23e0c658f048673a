import {
  Badge,
  Button,
  FileButton,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { createContext, useContext } from 'react';
import type { MessageSetup } from '../../../../shared/api';
import type { MappingSource, Slot } from '../../../../shared/domain/templates';
import { inFormWords, slotLabel } from '../../../../shared/domain/templates/slot-label';
import { useStore } from '../../store';
import { UtmFields } from '../variants/UtmFields';
import { CommitInput } from './CommitInput';
import { CellFixNote } from './CellFixButtons';

/**
 * Where a slot's edits go: the campaign's own mapping (variant A) by default; the Message tab provides
 * B's or C's when one of those is selected, so the same rows edit every variant.
 */
export interface SlotActions {
  setSlot: (key: string, source: MappingSource | undefined) => Promise<void>;
  setMediaFile: (file: File) => Promise<void>;
}
const campaignActions: SlotActions = {
  setSlot: (key, source) => useStore.getState().setSlot(key, source),
  setMediaFile: (file) => useStore.getState().setMediaFile(file),
};
export const SlotActionsContext = createContext<SlotActions>(campaignActions);

type TextMode = 'column' | 'fallback' | 'static';

export { slotLabel };

const modeOf = (src: MappingSource | undefined): TextMode =>
  src?.kind === 'static'
    ? 'static'
    : src?.kind === 'column' && src.fallback !== undefined
      ? 'fallback'
      : 'column';

/** A cell fix belongs to the column's values: it stays while the same column fills the slot. */
const fixOf = (src: MappingSource | undefined) =>
  src?.kind === 'column' && src.fix ? { fix: src.fix } : {};

function withoutFix(src: Extract<MappingSource, { kind: 'column' }>): MappingSource {
  const { fix: _fix, ...rest } = src;
  return rest;
}

function TextSlot({ slot, setup }: { slot: Slot; setup: MessageSetup }) {
  const src = setup.mapping[slot.key];
  const mode = modeOf(src);
  const as = src?.kind === 'column' || src?.kind === 'static' ? src.as : undefined;
  const column = src?.kind === 'column' ? src.column : null;
  const suggestion = setup.suggestions[slot.key];
  const actions = useContext(SlotActionsContext);
  const set = (next: MappingSource | undefined) => void actions.setSlot(slot.key, next);
  const withAs = <T extends MappingSource>(s: T): T => (as ? { ...s, as } : s);
  const columns =
    column !== null && !setup.columns.includes(column) ? [...setup.columns, column] : setup.columns;
  const disabled = !setup.editable;

  return (
    <Stack gap={6}>
      <SegmentedControl
        size="xs"
        value={mode}
        disabled={disabled}
        aria-label={`How ${slotLabel(slot)} is filled`}
        data={[
          { value: 'column', label: 'Column' },
          { value: 'fallback', label: 'Column, or text if empty' },
          { value: 'static', label: 'Same text for all' },
        ]}
        onChange={(m) => {
          if (m === 'static')
            set(
              withAs({ kind: 'static', value: src?.kind === 'column' ? (src.fallback ?? '') : '' }),
            );
          else if (column !== null)
            set(
              withAs({
                kind: 'column',
                column,
                ...fixOf(src),
                ...(m === 'fallback' ? { fallback: '' } : {}),
              }),
            );
          else if (suggestion !== undefined)
            set(
              withAs({
                kind: 'column',
                column: suggestion,
                ...(m === 'fallback' ? { fallback: '' } : {}),
              }),
            );
          else set(undefined);
        }}
      />
      <Group gap="xs" align="flex-end" wrap="nowrap">
        {mode !== 'static' && (
          <Select
            aria-label={`Column for ${slotLabel(slot)}`}
            placeholder="Choose a column"
            data={columns.map((c) => ({
              value: c,
              label: setup.columns.includes(c) ? c : `${c} (not in the audience)`,
            }))}
            value={column}
            onChange={(c) =>
              set(
                c === null
                  ? undefined
                  : withAs({
                      kind: 'column',
                      column: c,
                      ...(mode === 'fallback'
                        ? { fallback: src?.kind === 'column' ? (src.fallback ?? '') : '' }
                        : {}),
                    }),
              )
            }
            searchable
            clearable
            disabled={disabled}
            w={220}
          />
        )}
        {mode === 'fallback' && column !== null && (
          <CommitInput
            aria-label={`Text when ${slotLabel(slot)} is empty`}
            placeholder="Text when the cell is empty"
            value={src?.kind === 'column' ? (src.fallback ?? '') : ''}
            onCommit={(fallback) =>
              set(withAs({ kind: 'column', column, ...fixOf(src), fallback }))
            }
            disabled={disabled}
            w={220}
          />
        )}
        {mode === 'static' && (
          <CommitInput
            aria-label={`Text for ${slotLabel(slot)}`}
            placeholder={slot.example ? `e.g. ${slot.example}` : 'The same text for everybody'}
            value={src?.kind === 'static' ? src.value : ''}
            onCommit={(value) => set(value === '' ? undefined : withAs({ kind: 'static', value }))}
            disabled={disabled}
            w={300}
          />
        )}
      </Group>
      <CellFixNote
        src={src}
        {...(src?.kind === 'column' && src.fix && !disabled
          ? { onUndo: () => set(withoutFix(src)) }
          : {})}
      />
      {suggestion !== undefined && column === suggestion && (
        <Text size="xs" c="dimmed">
          Suggested from the column name.
        </Text>
      )}
      {suggestion !== undefined && src === undefined && (
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => set({ kind: 'column', column: suggestion })}
          w="fit-content"
        >
          Use the column “{suggestion}”
        </Button>
      )}
    </Stack>
  );
}

function MediaSlot({ slot, setup }: { slot: Slot; setup: MessageSetup }) {
  const src = setup.mapping[slot.key];
  const media = src?.kind === 'media' ? src.media : undefined;
  const accept =
    slot.mediaFormat === 'IMAGE'
      ? 'image/jpeg,image/png'
      : slot.mediaFormat === 'VIDEO'
        ? 'video/mp4,video/3gpp'
        : 'application/pdf';
  const actions = useContext(SlotActionsContext);
  return (
    <Stack gap={6}>
      <Group gap="xs" align="flex-end">
        <CommitInput
          aria-label={`Link for ${slotLabel(slot)}`}
          placeholder="https://… link to the file"
          value={media?.type === 'link' ? media.url : ''}
          onCommit={(url) =>
            void actions.setSlot(
              slot.key,
              url.trim() === ''
                ? undefined
                : { kind: 'media', media: { type: 'link', url: url.trim() } },
            )
          }
          disabled={!setup.editable}
          w={320}
        />
        <Text size="sm" c="dimmed">
          or
        </Text>
        <FileButton
          accept={accept}
          onChange={(f) => f && void actions.setMediaFile(f)}
          disabled={!setup.editable}
        >
          {(props) => (
            <Button {...props} variant="light" size="sm">
              Choose a file…
            </Button>
          )}
        </FileButton>
      </Group>
      {media?.type === 'file' && (
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          File: {media.path} (uploaded to WhatsApp when sending, and again after 30 days).
        </Text>
      )}
    </Stack>
  );
}

function LocationSlot({ slot, setup }: { slot: Slot; setup: MessageSetup }) {
  const src = setup.mapping[slot.key];
  const loc = src?.kind === 'location' ? src.location : { latitude: '', longitude: '' };
  const actions = useContext(SlotActionsContext);
  const set = (patch: Partial<typeof loc>) => {
    const next = { ...loc, ...patch };
    void actions.setSlot(
      slot.key,
      next.latitude && next.longitude ? { kind: 'location', location: next } : undefined,
    );
  };
  return (
    <Group gap="xs">
      <CommitInput
        aria-label="Latitude"
        placeholder="Latitude, e.g. 37.44"
        value={loc.latitude}
        onCommit={(latitude) => set({ latitude })}
        w={150}
      />
      <CommitInput
        aria-label="Longitude"
        placeholder="Longitude"
        value={loc.longitude}
        onCommit={(longitude) => set({ longitude })}
        w={150}
      />
      <CommitInput
        aria-label="Place name"
        placeholder="Name (optional)"
        value={loc.name ?? ''}
        onCommit={(name) => set({ name })}
        w={180}
      />
    </Group>
  );
}

/** One placeholder: where its value comes from, with the problems of that choice. */
export function SlotRow({ slot, setup }: { slot: Slot; setup: MessageSetup }) {
  const problems = setup.mappingProblems.filter(
    (p) =>
      p.startsWith(`${slot.key} `) || p.startsWith(`${slot.key}:`) || p.startsWith(`${slot.key}'s`),
  );
  return (
    <Stack gap={4} data-testid={`slot-${slot.key}`}>
      <Group gap="xs">
        <Text fw={600} size="sm">
          {slotLabel(slot)}
        </Text>
        {slot.example !== undefined && slot.kind !== 'media' && (
          <Badge variant="outline" color="gray" size="sm" tt="none">
            e.g. {slot.example}
          </Badge>
        )}
      </Group>
      {slot.kind === 'media' ? (
        <MediaSlot slot={slot} setup={setup} />
      ) : slot.kind === 'location' ? (
        <LocationSlot slot={slot} setup={setup} />
      ) : (
        <TextSlot slot={slot} setup={setup} />
      )}
      {slot.kind === 'url_suffix' && <UtmFields slot={slot} editable={setup.editable} />}
      {problems.map((p) => (
        <Text key={p} size="xs" c="red" data-testid="slot-problem">
          {/* The core names slots by key (body.2); under the field they read as the form does. */}
          {inFormWords(p, [slot])}
        </Text>
      ))}
    </Stack>
  );
}
