import { Group, Paper, Text, Title } from '@mantine/core';
import type { Timeline } from '../../../../shared/api';
import { fmt } from '../../lib/format';
import { FIGURES } from './figures';

/** Labelled as the counters and the table's chips are (figures.ts): one vocabulary. */
const SERIES = [
  { key: 'sent', label: FIGURES.sent.label, color: 'var(--mantine-color-blue-6)' },
  { key: 'delivered', label: FIGURES.delivered.label, color: 'var(--mantine-color-teal-6)' },
  { key: 'read', label: FIGURES.read.label, color: 'var(--mantine-color-green-8)' },
  { key: 'failed', label: FIGURES.failed.label, color: 'var(--mantine-color-red-6)' },
] as const;
type SeriesKey = (typeof SERIES)[number]['key'];

const W = 600;
const H = 160;

/** Running totals per series at each bucket: a rising line reads better than per-minute bars. */
export function cumulative(
  timeline: Timeline,
): { at: number; totals: Record<SeriesKey, number> }[] {
  const totals: Record<SeriesKey, number> = { sent: 0, delivered: 0, read: 0, failed: 0 };
  return timeline.buckets.map((b) => {
    for (const s of SERIES) totals[s.key] += b[s.key];
    return { at: b.at, totals: { ...totals } };
  });
}

function clock(ms: number, seconds: boolean): string {
  return fmt().date(ms, seconds ? 'timeSeconds' : 'time');
}

/** Sent, delivered, read and failed over time, as running totals; pure SVG (no chart library for four lines). */
export function TimelineChart({ timeline, until }: { timeline: Timeline | null; until: number }) {
  const points = timeline ? cumulative(timeline) : [];
  const last = points.at(-1)?.totals ?? { sent: 0, delivered: 0, read: 0, failed: 0 };
  const first = points[0];
  const start = first?.at ?? until;
  const step = (timeline?.bucketSeconds ?? 60) * 1000;
  const end = Math.max(until, (points.at(-1)?.at ?? start) + step, start + step);
  const top = Math.max(1, last.sent, last.delivered, last.read, last.failed);
  const x = (at: number) => ((at - start) / (end - start)) * W;
  const y = (v: number) => H - (v / top) * H;

  // A bucket's total is reached at its end; the line starts at zero at the first bucket's start.
  const path = (key: SeriesKey) => {
    let d = `M0,${H}`;
    for (const p of points) d += ` L${x(p.at + step).toFixed(1)},${y(p.totals[key]).toFixed(1)}`;
    if (points.length) d += ` L${W},${y(last[key]).toFixed(1)}`;
    return d;
  };

  return (
    <Paper
      withBorder
      p="md"
      data-testid="timeline-chart"
      data-sent={last.sent}
      data-delivered={last.delivered}
      data-read={last.read}
      data-failed={last.failed}
    >
      <Group justify="space-between" mb="xs">
        <div>
          <Title order={5}>Over time</Title>
          <Text size="xs" c="dimmed">
            Running totals: a message that was read also counts as delivered.
          </Text>
        </div>
        <Group gap="md">
          {SERIES.map((s) => (
            <Group key={s.key} gap={4}>
              <svg width="10" height="10" aria-hidden>
                <rect width="10" height="10" rx="2" fill={s.color} />
              </svg>
              <Text size="xs">
                {s.label} {fmt().count(last[s.key])}
              </Text>
            </Group>
          ))}
        </Group>
      </Group>
      {points.length === 0 ? (
        <Text size="sm" c="dimmed">
          The chart starts when the first message is accepted.
        </Text>
      ) : (
        <>
          <svg
            viewBox={`0 0 ${W} ${H}`}
            preserveAspectRatio="none"
            width="100%"
            height={H}
            role="img"
            aria-label={`Accepted ${last.sent}, delivered ${last.delivered}, read ${last.read}, failed ${last.failed}`}
          >
            {[0.25, 0.5, 0.75].map((f) => (
              <line
                key={f}
                x1={0}
                x2={W}
                y1={H * f}
                y2={H * f}
                stroke="var(--mantine-color-gray-3)"
                strokeWidth={1}
                vectorEffect="non-scaling-stroke"
              />
            ))}
            {SERIES.map((s) => (
              <path
                key={s.key}
                d={path(s.key)}
                fill="none"
                stroke={s.color}
                strokeWidth={2}
                vectorEffect="non-scaling-stroke"
                data-series={s.key}
              />
            ))}
          </svg>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {clock(start, end - start < 600_000)}
            </Text>
            <Text size="xs" c="dimmed">
              {fmt().count(top)} at most
            </Text>
            <Text size="xs" c="dimmed">
              {clock(end, end - start < 600_000)}
            </Text>
          </Group>
        </>
      )}
    </Paper>
  );
}
