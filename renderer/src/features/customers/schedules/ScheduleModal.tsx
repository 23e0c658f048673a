import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { describeRule, ordinal, WEEKDAYS } from '../../../../../shared/domain/schedule';
import { api } from '../../../lib/api';
import { useStore } from '../../../store';
import type { SavedSegment } from '../../../store/slices/segments';
import { emptyForm, toInput, type ScheduleForm } from './schedule-form';

const DAYS = Array.from({ length: 31 }, (_, i) => ({
  value: String(i + 1),
  label: ordinal(i + 1),
}));

/** "Send on a schedule…" from a segment: when, which campaign's message and settings, how late is still fine. */
export function ScheduleModal({
  segment,
  onClose,
}: {
  segment: SavedSegment | null;
  onClose: () => void;
}) {
  const campaigns = useStore((s) => s.campaigns);
  const [form, setForm] = useState<ScheduleForm>(emptyForm(''));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!segment) return;
    setForm(emptyForm(segment.name));
    setError(null);
    void useStore.getState().loadCampaigns();
  }, [segment]);
  const set = (patch: Partial<ScheduleForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setError(null);
  };
  const withTemplate = campaigns.filter((c) => c.templateName);
  const checked = segment ? toInput(form, segment.id) : null;

  const submit = async () => {
    if (!segment || !checked) return;
    if (!checked.ok) return setError(checked.message);
    setBusy(true);
    const r = await api.call('schedules.create', checked.input, { shownInPlace: true });
    setBusy(false);
    if (r.ok) onClose();
    else setError(r.error.message);
  };

  return (
    <Modal
      opened={segment !== null}
      onClose={onClose}
      title={`Send “${segment?.name ?? ''}” on a schedule`}
    >
      <Stack gap="sm" data-testid="schedule-modal">
        <Text size="sm" c="dimmed">
          Each run is its own campaign, to the customers in the segment at that moment, with its own
          report.
        </Text>
        <TextInput
          label="Schedule name"
          value={form.name}
          maxLength={100}
          onChange={(e) => set({ name: e.currentTarget.value })}
        />
        <Select
          label="Message and settings from"
          description="The template, its fields, pacing, quiet hours and marketing settings of this campaign are copied now."
          placeholder={withTemplate.length ? 'Choose a campaign' : 'No campaign has a template yet'}
          data={withTemplate.map((c) => ({
            value: String(c.id),
            label: `${c.name} · ${c.templateName}`,
          }))}
          value={form.settingsFrom}
          onChange={(v) => set({ settingsFrom: v })}
          allowDeselect={false}
        />
        <Group grow>
          <Select
            label="Repeat"
            data={[
              { value: 'daily', label: 'Every day' },
              { value: 'weekly', label: 'Every week' },
              { value: 'monthly', label: 'Every month' },
            ]}
            value={form.every}
            onChange={(v) => v && set({ every: v })}
            allowDeselect={false}
          />
          {form.every === 'weekly' && (
            <Select
              label="On"
              data={WEEKDAYS.map((d, i) => ({ value: String(i), label: d }))}
              value={form.weekday}
              onChange={(v) => v && set({ weekday: v })}
              allowDeselect={false}
            />
          )}
          {form.every === 'monthly' && (
            <Select
              label="On the"
              data={DAYS}
              value={form.day}
              onChange={(v) => v && set({ day: v })}
              allowDeselect={false}
            />
          )}
          <TextInput
            label="Time of day"
            value={form.time}
            onChange={(e) => set({ time: e.currentTarget.value })}
            maxLength={5}
          />
        </Group>
        <Group grow>
          <TextInput
            label="Time zone"
            value={form.timeZone}
            maxLength={100}
            onChange={(e) => set({ timeZone: e.currentTarget.value })}
          />
          <TextInput
            label="Still send if late by up to (hours)"
            description="When Campaign Desk was closed at the time"
            value={form.graceHours}
            maxLength={5}
            onChange={(e) => set({ graceHours: e.currentTarget.value })}
          />
        </Group>
        {checked?.ok && (
          <Text size="sm" data-testid="schedule-summary">
            Runs {describeRule(checked.input.rule)} ({checked.input.timeZone}).
          </Text>
        )}
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={busy} onClick={() => void submit()}>
            Save schedule
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
