import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Progress,
  Radio,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  REPORT_FILTER_LABEL,
  REPORT_FILTERS,
  type Campaign,
  type ReportColumn,
} from '../../../../shared/api';
import { api } from '../../lib/api';
import { useStore } from '../../store';
import { fmt, noun } from '../../lib/format';

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

function ColumnGroup({ title, columns }: { title: string; columns: ReportColumn[] }) {
  const chosen = useStore((s) => s.reportColumns);
  const setColumns = useStore((s) => s.setReportColumns);
  if (columns.length === 0) return null;
  const ids = columns.map((c) => c.id);
  const all = ids.every((id) => chosen.includes(id));
  return (
    <Stack gap={4}>
      <Checkbox
        fw={600}
        label={title}
        checked={all}
        indeterminate={!all && ids.some((id) => chosen.includes(id))}
        onChange={() =>
          setColumns(
            all ? chosen.filter((id) => !ids.includes(id)) : [...new Set([...chosen, ...ids])],
          )
        }
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing={4} pl="lg">
        {columns.map((c) => (
          <Checkbox
            key={c.id}
            size="xs"
            label={c.label}
            checked={chosen.includes(c.id)}
            onChange={(e) =>
              setColumns(
                e.currentTarget.checked ? [...chosen, c.id] : chosen.filter((id) => id !== c.id),
              )
            }
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Delivery report: choose what to export, watch it being written, then save it. */
export function ReportPanel({ campaign }: { campaign: Campaign }) {
  const s = useStore(
    useShallow((st) => ({
      options: st.reportOptions,
      format: st.reportFormat,
      filter: st.reportFilter,
      columns: st.reportColumns,
      running: st.reportRunning,
      progress: st.reportProgress,
      result: st.reportResult,
      saved: st.reportSaved,
      error: st.reportError,
    })),
  );
  const actions = useStore(
    useShallow((st) => ({
      open: st.openReports,
      setFormat: st.setReportFormat,
      setFilter: st.setReportFilter,
      start: st.startReport,
      cancel: st.cancelReport,
      save: st.saveReport,
    })),
  );

  useEffect(() => {
    void actions.open(campaign.id);
    const offProgress = api.subscribe('report.progress', (p) =>
      useStore.getState().setReportProgress(p),
    );
    const offChanged = api.subscribe('db.changed', ({ tables, campaignId }) => {
      if (
        tables.includes('recipients') &&
        (campaignId === undefined || campaignId === campaign.id) &&
        !useStore.getState().reportRunning
      ) {
        void useStore.getState().openReports(campaign.id);
      }
    });
    return () => {
      offProgress();
      offChanged();
    };
  }, [campaign.id, actions]);

  const options = s.options;
  const count = options?.counts[s.filter] ?? 0;
  const percent =
    s.progress && s.progress.totalRows > 0
      ? Math.min(100, (s.progress.rows / s.progress.totalRows) * 100)
      : 0;

  return (
    <Paper withBorder p="md" data-testid="report-panel">
      <Stack>
        <div>
          <Title order={4}>Delivery report</Title>
          <Text size="sm" c="dimmed">
            One row per recipient with every column of your file, the outcome, Meta&apos;s error
            code and what it means, and the estimated price. Times are in your time zone, {zone}.
            Excel files add a Summary sheet. A &quot;Failed&quot; report can be imported as the
            audience of a follow-up campaign.
          </Text>
        </div>
        {s.error && (
          <Alert color="red" title="The report could not be written" data-testid="report-error">
            {s.error.message}
          </Alert>
        )}
        {options && (
          <>
            <Group align="flex-start" gap="xl">
              <Stack gap={4}>
                <Text fw={600} size="sm">
                  Format
                </Text>
                <SegmentedControl
                  aria-label="Format"
                  value={s.format}
                  onChange={(v) => actions.setFormat(v)}
                  data={[
                    { value: 'xlsx', label: 'Excel (.xlsx)' },
                    { value: 'csv', label: 'CSV' },
                  ]}
                  disabled={s.running}
                />
              </Stack>
              <Radio.Group
                label="Recipients"
                value={s.filter}
                onChange={(v) => actions.setFilter(v)}
              >
                <Stack gap={4} mt={4}>
                  {REPORT_FILTERS.map((f) => (
                    <Radio
                      key={f}
                      value={f}
                      disabled={s.running}
                      label={`${REPORT_FILTER_LABEL[f]} (${fmt().count(options.counts[f])})`}
                    />
                  ))}
                </Stack>
              </Radio.Group>
            </Group>
            <Stack gap="xs">
              <Text fw={600} size="sm">
                Columns
              </Text>
              <ColumnGroup
                title="Your file's columns"
                columns={options.columns.filter((c) => c.group === 'original')}
              />
              <ColumnGroup
                title="Delivery columns"
                columns={options.columns.filter((c) => c.group === 'status')}
              />
            </Stack>
            {s.running ? (
              <Stack gap="xs" data-testid="report-progress">
                <Progress value={percent} animated aria-label="Export progress" />
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {s.progress
                      ? `${fmt().count(s.progress.rows)} of ${fmt().countOf(s.progress.totalRows, noun('row'))} · ${fmt().bytes(s.progress.bytes)}`
                      : 'Starting…'}
                  </Text>
                  <Button variant="default" size="xs" onClick={() => void actions.cancel()}>
                    Cancel
                  </Button>
                </Group>
              </Stack>
            ) : (
              <Group>
                <Button
                  onClick={() => void actions.start()}
                  disabled={!options.exportable || count === 0 || s.columns.length === 0}
                >
                  Export {fmt().countOf(count, noun('row'))}
                </Button>
                {!options.exportable && <Text size="sm">A draft has nothing to report yet.</Text>}
                {options.exportable && count === 0 && (
                  <Text size="sm">No recipient matches this choice.</Text>
                )}
              </Group>
            )}
            {s.result && !s.running && (
              <Alert color={s.saved === false ? 'yellow' : 'green'} data-testid="report-done">
                <Group justify="space-between">
                  <Text size="sm">
                    {s.saved === false
                      ? `${s.result.fileName} is ready but was not saved.`
                      : `${s.result.fileName}: ${fmt().countOf(s.result.rows, noun('row'))}, times in ${s.result.timeZone}.`}
                  </Text>
                  <Button size="xs" variant="light" onClick={() => void actions.save()}>
                    Save again
                  </Button>
                </Group>
              </Alert>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
