import { Group, NumberInput, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { PacingView } from '../../../../shared/api';
import { useStore } from '../../store';
import { every, yourTime } from './PacingText';

/** The account's fixed rate, or spread over a duration ("over the next 6 hours"). */
export function PacingRate({ view }: { view: PacingView }) {
  const s = view.spread;
  const editable = view.editable.spread;
  const savePacing = useStore((st) => st.savePacing);
  const [hours, setHours] = useState<string | number>(
    s.durationMinutes ? s.durationMinutes / 60 : 6,
  );
  useEffect(() => {
    if (s.durationMinutes) setHours(s.durationMinutes / 60);
  }, [s.durationMinutes]);
  const minutes = typeof hours === 'number' ? Math.round(hours * 60) : NaN;
  const saveSpread = () => {
    if (Number.isFinite(minutes) && minutes !== s.durationMinutes)
      void savePacing({ campaignId: view.campaignId, spread: { durationMinutes: minutes } });
  };

  return (
    <Stack gap="xs" data-testid="pacing-rate">
      <Text fw={500} size="sm">
        Pace
      </Text>
      <SegmentedControl
        aria-label="Pace"
        value={s.durationMinutes === null ? 'fixed' : 'spread'}
        disabled={!editable}
        onChange={(v) =>
          void savePacing({
            campaignId: view.campaignId,
            spread:
              v === 'fixed'
                ? null
                : { durationMinutes: Number.isFinite(minutes) && minutes >= 5 ? minutes : 360 },
          })
        }
        data={[
          { value: 'fixed', label: `As fast as the account allows (${s.accountRate}/s)` },
          { value: 'spread', label: 'Spread over a duration' },
        ]}
      />
      {s.durationMinutes !== null && (
        <>
          <Group align="flex-end" gap="xs">
            <NumberInput
              label="Over the next"
              aria-label="Spread over hours"
              suffix=" h"
              value={hours}
              onChange={setHours}
              onBlur={saveSpread}
              onKeyDown={(e) => e.key === 'Enter' && saveSpread()}
              min={0.1}
              max={336}
              decimalScale={2}
              step={0.5}
              disabled={!editable}
              w={140}
            />
            <Text size="sm" pb={8} data-testid="pacing-spread-rate">
              {s.ratePerSecond !== null && `Now ${every(s.ratePerSecond)}`}
              {s.deadline !== null
                ? `, done by ${yourTime(s.deadline)}`
                : ', counted from the start'}
              .
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            The rate is what is left over the time left, worked out again as it goes, never above
            the account’s rate. With quiet hours, each country only has its waking hours before the
            end, so the ones awake now go faster; a country asleep until after the end is sent when
            it wakes.
          </Text>
        </>
      )}
    </Stack>
  );
}
