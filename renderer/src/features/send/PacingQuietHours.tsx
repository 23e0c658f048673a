import { Alert, Button, Group, Select, Stack, Switch, Table, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PacingView, QuietCountry } from '../../../../shared/api';
import { useStore } from '../../store';
import { yourTime } from './PacingText';
import { fmt } from '../../lib/format';

const ANY = '__any__';

function CountryState({ c, enabled }: { c: QuietCountry; enabled: boolean }) {
  if (!enabled || c.rule === 'none')
    return (
      <Text size="sm" c="dimmed">
        {c.rule === 'none' ? 'No time zone known: not held back' : '—'}
      </Text>
    );
  if (c.opensAt === null)
    return (
      <Text size="sm" c="red">
        Never open at once in all its zones: choose one
      </Text>
    );
  if (c.quietNow)
    return (
      <Text size="sm" c="orange">
        Quiet until {yourTime(c.opensAt)}
      </Text>
    );
  return (
    <Text size="sm" c="teal">
      Open{c.closesAt !== null ? `, quiet from ${yourTime(c.closesAt)}` : ''}
    </Text>
  );
}

/** Quiet hours in each recipient's time zone: the window, a zone per country that spans several, who waits now. */
export function PacingQuietHours({ view }: { view: PacingView }) {
  const q = view.quietHours;
  const editable = view.editable.quietHours;
  const savePacing = useStore((s) => s.savePacing);
  const [from, setFrom] = useState(q.from);
  const [to, setTo] = useState(q.to);
  // Each field follows the stored value only when that value changes, so a save landing while the
  // other field is being typed does not wipe what was typed.
  useEffect(() => setFrom(q.from), [q.from]);
  useEffect(() => setTo(q.to), [q.to]);
  const save = (
    patch: Partial<{ enabled: boolean; from: string; to: string; zones: Record<string, string> }>,
  ) =>
    void savePacing({
      campaignId: view.campaignId,
      quietHours: { enabled: q.enabled, from: q.from, to: q.to, zones: q.zones, ...patch },
    });
  const commitTimes = () => {
    if (from && to && (from !== q.from || to !== q.to)) save({ from, to });
  };
  const chooseZone = (country: string, zone: string | null) => {
    const zones = { ...q.zones };
    if (!zone || zone === ANY) delete zones[country];
    else zones[country] = zone;
    save({ zones });
  };
  const multi = q.countries.filter((c) => c.country && c.zones.length > 1);

  return (
    <Stack gap="xs" data-testid="pacing-quiet-hours">
      <Group justify="space-between" align="flex-start">
        <Switch
          label="Quiet hours"
          description="Nobody is messaged between these times on their own clock (from the country of their number)."
          checked={q.enabled}
          disabled={!editable}
          onChange={(e) => save({ enabled: e.currentTarget.checked })}
        />
        {editable && q.source === 'campaign' && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => void savePacing({ campaignId: view.campaignId, quietHours: null })}
          >
            Use the account’s defaults
          </Button>
        )}
      </Group>
      <Group gap="xs" align="flex-end">
        <TextInput
          type="time"
          label="From"
          aria-label="Quiet hours from"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
          onBlur={commitTimes}
          onKeyDown={(e) => e.key === 'Enter' && commitTimes()}
          disabled={!editable || !q.enabled}
          w={120}
        />
        <TextInput
          type="time"
          label="To"
          aria-label="Quiet hours to"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
          onBlur={commitTimes}
          onKeyDown={(e) => e.key === 'Enter' && commitTimes()}
          disabled={!editable || !q.enabled}
          w={120}
        />
        <Text size="xs" c="dimmed" pb={8}>
          {q.source === 'account'
            ? q.accountDefault
              ? `The account’s defaults (${q.accountDefault.from}–${q.accountDefault.to}).`
              : 'The account has no default quiet hours.'
            : 'Set for this campaign.'}
        </Text>
      </Group>
      {q.enabled && (
        <Text size="sm" data-testid="pacing-waiting" data-count={q.waitingNow}>
          {q.waitingNow === 0
            ? 'Nobody left to send is in quiet hours right now.'
            : `${fmt().count(q.waitingNow)} recipient${q.waitingNow === 1 ? ' is' : 's are'} in quiet hours right now: they wait for their window while the others are sent.`}
        </Text>
      )}
      {q.enabled && multi.some((c) => c.rule === 'any') && (
        <Alert color="blue" p="xs">
          <Text size="sm">
            Some countries have several time zones. Until you choose one, their recipients wait
            while it is quiet in any of them (the safe choice, with fewer hours to send).
          </Text>
        </Alert>
      )}
      {q.countries.length > 0 && (
        <Table aria-label="Countries and time zones" data-testid="pacing-countries">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Country</Table.Th>
              <Table.Th>Recipients to send</Table.Th>
              <Table.Th>Time zone</Table.Th>
              <Table.Th>Now (your time)</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.countries.map((c) => (
              <Table.Tr key={c.country ?? ''} data-country={c.country ?? ''}>
                <Table.Td>{c.name}</Table.Td>
                <Table.Td>{fmt().count(c.recipients)}</Table.Td>
                <Table.Td>
                  {c.country && c.zones.length > 1 ? (
                    <Select
                      size="xs"
                      aria-label={`Time zone for ${c.name}`}
                      data={[
                        { value: ANY, label: 'Any of its zones (safest)' },
                        ...c.zones.map((z) => ({ value: z, label: z })),
                      ]}
                      value={c.chosenZone ?? ANY}
                      onChange={(v) => chooseZone(c.country!, v)}
                      disabled={!editable}
                      searchable
                      allowDeselect={false}
                      w={260}
                    />
                  ) : (
                    <Text size="sm">
                      {c.rule === 'fallback'
                        ? `As ${q.fallbackCountry ?? ''}`
                        : (c.zones[0] ?? '—')}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <CountryState c={c} enabled={q.enabled} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
