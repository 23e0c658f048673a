import { ActionIcon, Autocomplete, Group, Select, Text, TextInput } from '@mantine/core';
import { OUTCOMES, type CampaignSummary } from '../../../../shared/api';
import { OP_LABEL, opKind } from '../../../../shared/domain/audience-filter';
import {
  ATTRIBUTE_OPS,
  HISTORY_LABEL,
  OUTCOME_LABEL,
  attributeProblem,
  historyProblem,
  type DraftAttribute,
  type DraftHistory,
} from './segment-draft';

function Remove({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <ActionIcon variant="subtle" color="gray" aria-label={label} onClick={onRemove}>
      ×
    </ActionIcon>
  );
}

export function AttributeRow({
  a,
  n,
  columns,
  onChange,
  onRemove,
}: {
  a: DraftAttribute;
  n: number;
  columns: string[];
  onChange: (a: DraftAttribute) => void;
  onRemove: () => void;
}) {
  const problem = a.column || a.value ? attributeProblem(a) : null;
  return (
    <div>
      <Group gap="xs" wrap="nowrap" data-testid="segment-attribute">
        <Autocomplete
          aria-label={`Column ${n}`}
          placeholder="Column, e.g. City"
          data={columns}
          value={a.column}
          onChange={(column) => onChange({ ...a, column })}
          w={180}
        />
        <Select
          aria-label={`Comparison ${n}`}
          data={ATTRIBUTE_OPS.map((op) => ({ value: op, label: OP_LABEL[op] }))}
          value={a.op}
          onChange={(op) => op && onChange({ ...a, op: op })}
          allowDeselect={false}
          w={170}
        />
        {opKind(a.op) !== 'presence' && (
          <TextInput
            aria-label={`Value ${n}`}
            placeholder={opKind(a.op) === 'date' ? 'YYYY-MM-DD' : 'Value'}
            value={a.value}
            onChange={(e) => onChange({ ...a, value: e.currentTarget.value })}
            w={180}
          />
        )}
        <Remove label={`Remove condition ${n}`} onRemove={onRemove} />
      </Group>
      {problem && (
        <Text size="xs" c="orange">
          {problem} Left out of the count until then.
        </Text>
      )}
    </div>
  );
}

function CampaignSelect({
  h,
  n,
  campaigns,
  onChange,
}: {
  h: DraftHistory;
  n: number;
  campaigns: CampaignSummary[];
  onChange: (h: DraftHistory) => void;
}) {
  return (
    <Select
      aria-label={`Campaign ${n}`}
      placeholder="Choose a campaign"
      data={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
      value={h.campaignId || null}
      onChange={(v) => onChange({ ...h, campaignId: v ?? '' })}
      searchable
      w={200}
    />
  );
}

function HistoryFields({
  h,
  n,
  campaigns,
  onChange,
}: {
  h: DraftHistory;
  n: number;
  campaigns: CampaignSummary[];
  onChange: (h: DraftHistory) => void;
}) {
  switch (h.kind) {
    case 'got':
      return <CampaignSelect h={h} n={n} campaigns={campaigns} onChange={onChange} />;
    case 'outcome':
      return (
        <>
          <CampaignSelect h={h} n={n} campaigns={campaigns} onChange={onChange} />
          <Select
            aria-label={`Outcome ${n}`}
            data={OUTCOMES.map((o) => ({ value: o, label: OUTCOME_LABEL[o] }))}
            value={h.outcome}
            onChange={(v) => v && onChange({ ...h, outcome: v })}
            allowDeselect={false}
            w={200}
          />
          {h.outcome === 'failed' && (
            <TextInput
              aria-label={`Error code ${n}`}
              placeholder="any code, or e.g. 131049"
              value={h.errorCode}
              onChange={(e) => onChange({ ...h, errorCode: e.currentTarget.value })}
              w={170}
            />
          )}
        </>
      );
    case 'quiet':
      return (
        <TextInput
          aria-label={`Days ${n}`}
          value={h.days}
          onChange={(e) => onChange({ ...h, days: e.currentTarget.value })}
          w={90}
        />
      );
    case 'optedInAfter':
      return (
        <TextInput
          aria-label={`Date ${n}`}
          placeholder="YYYY-MM-DD"
          value={h.date}
          onChange={(e) => onChange({ ...h, date: e.currentTarget.value })}
          w={140}
        />
      );
    case 'label':
      return (
        <TextInput
          aria-label={`Label ${n}`}
          placeholder="e.g. interested"
          value={h.label}
          onChange={(e) => onChange({ ...h, label: e.currentTarget.value })}
          w={180}
        />
      );
  }
}

export function HistoryRow(props: {
  h: DraftHistory;
  n: number;
  campaigns: CampaignSummary[];
  onChange: (h: DraftHistory) => void;
  onRemove: () => void;
}) {
  const problem = historyProblem(props.h);
  return (
    <div>
      <Group gap="xs" wrap="nowrap" data-testid="segment-history">
        <Text size="sm" w={200}>
          {HISTORY_LABEL[props.h.kind]}
        </Text>
        <HistoryFields {...props} />
        <Remove label={`Remove history condition ${props.n}`} onRemove={props.onRemove} />
      </Group>
      {problem && (
        <Text size="xs" c="orange">
          {problem} Left out of the count until then.
        </Text>
      )}
    </div>
  );
}
