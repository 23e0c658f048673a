import { Button, Group, NumberInput, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PacingView } from '../../../../shared/api';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';

/** "day" for one, "7 days" otherwise: "in the last day", "in the last 7 days". */
const lastDays = (days: number): string => (days === 1 ? 'day' : fmt().countOf(days, noun('day')));

/** Frequency cap: leave out people this account messaged in the last N days, with the live count. */
export function PacingFrequencyCap({ view }: { view: PacingView }) {
  const cap = view.frequencyCap;
  const editable = view.editable.frequencyCap;
  const savePacing = useStore((s) => s.savePacing);
  const [days, setDays] = useState<string | number>(cap.days);
  useEffect(() => setDays(cap.days), [cap.days]);
  const validDays =
    typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 365
      ? days
      : cap.days;
  const save = (enabled: boolean, d: number) =>
    void savePacing({ campaignId: view.campaignId, frequencyCap: { enabled, days: d } });
  const marketing = view.templateCategory === 'MARKETING';

  return (
    <Stack gap="xs" data-testid="pacing-frequency-cap">
      <Group justify="space-between" align="flex-start">
        <Switch
          label="Frequency cap"
          description="Leave out people who got any message from this account recently."
          checked={cap.enabled}
          disabled={!editable}
          onChange={(e) => save(e.currentTarget.checked, validDays)}
        />
        {editable && cap.source === 'campaign' && (
          <Button
            variant="subtle"
            size="xs"
            onClick={() => void savePacing({ campaignId: view.campaignId, frequencyCap: null })}
          >
            Back to the default
          </Button>
        )}
      </Group>
      <Group align="flex-end" gap="xs">
        <NumberInput
          label="In the last"
          aria-label="Frequency cap in days"
          suffix={validDays === 1 ? ' day' : ' days'}
          value={days}
          onChange={setDays}
          onBlur={() => validDays !== cap.days && save(cap.enabled, validDays)}
          onKeyDown={(e) =>
            e.key === 'Enter' && validDays !== cap.days && save(cap.enabled, validDays)
          }
          min={1}
          max={365}
          allowDecimal={false}
          disabled={!editable || !cap.enabled}
          w={130}
        />
      </Group>
      <Text size="xs" c="dimmed">
        {cap.source === 'default'
          ? `On by default for marketing templates (7 days)${marketing ? ', and this is one' : '; this template is not one, so it is off'}.`
          : 'Set for this campaign.'}{' '}
        {editable
          ? ''
          : 'It was applied when the campaign started, and is checked again before each message.'}
      </Text>
      {cap.enabled && (
        <Text size="sm" data-testid="pacing-excluded" data-count={cap.wouldExclude}>
          {cap.wouldExclude === 0
            ? `Nobody left to send got a message from this account in the last ${lastDays(cap.days)}.`
            : `${fmt().countOf(cap.wouldExclude, noun('recipient'))} will be excluded: they got a message from this account in the last ${lastDays(cap.days)}.`}
        </Text>
      )}
    </Stack>
  );
}
