import {
  Alert,
  Badge,
  Button,
  Drawer,
  Group,
  Loader,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { CustomerDetail } from '../../../../shared/api';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';

function Attributes({ c }: { c: CustomerDetail }) {
  const entries = Object.entries(c.attributes);
  if (entries.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No attributes.
      </Text>
    );
  return (
    <Table verticalSpacing={4} aria-label="Attributes">
      <Table.Tbody>
        {entries.map(([k, v]) => (
          <Table.Tr key={k}>
            <Table.Td fw={600}>{k}</Table.Td>
            <Table.Td>{v}</Table.Td>
            <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {c.attributeDates[k] ? fmt().date(c.attributeDates[k], 'date') : ''}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Timeline({ c }: { c: CustomerDetail }) {
  if (c.timeline.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No campaign has messaged this customer yet.
      </Text>
    );
  return (
    <Table verticalSpacing={4} aria-label="Campaign history" data-testid="customer-timeline">
      <Table.Tbody>
        {c.timeline.map((t) => (
          <Table.Tr key={t.campaignId}>
            <Table.Td>{t.campaignName}</Table.Td>
            <Table.Td>{t.template ?? ''}</Table.Td>
            <Table.Td>
              {t.state}
              {t.errorCode ? ` · ${t.errorTitle ?? ''} (${t.errorCode})` : ''}
            </Table.Td>
            <Table.Td c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {t.at ? fmt().date(t.at) : 'not sent'}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function Replies({ c }: { c: CustomerDetail }) {
  if (c.replies.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No replies.
      </Text>
    );
  return (
    <Stack gap={4} data-testid="customer-replies">
      {c.replies.map((r) => (
        <Text key={r.id} size="sm">
          <Text span c="dimmed">
            {fmt().date(r.at)}
            {r.campaignName ? ` · ${r.campaignName}` : ''}:{' '}
          </Text>
          {r.body ?? `(${r.type})`}
        </Text>
      ))}
    </Stack>
  );
}

function Body({
  c,
  onForget,
  onEdit,
}: {
  c: CustomerDetail;
  onForget: () => void;
  onEdit: () => void;
}) {
  return (
    <Stack gap="md" data-testid="customer-detail" data-phone={c.phone}>
      <Group gap="xs">
        {c.optOut && (
          <Badge color="red" variant="light">
            opted out
          </Badge>
        )}
        {c.marketingDeclined && (
          <Badge color="orange" variant="light">
            declined marketing
          </Badge>
        )}
        {c.labels.map((l) => (
          <Badge key={l} color="grape" variant="light">
            {l}
          </Badge>
        ))}
      </Group>
      <Text size="sm" c="dimmed">
        First seen {fmt().date(c.firstSeenAt, 'date')}, last seen {fmt().date(c.lastSeenAt, 'date')}
        {c.country ? ` · ${c.country}` : ''}
      </Text>
      <div>
        <Title order={5}>Consent</Title>
        <Text size="sm">
          {c.consent
            ? // The evidence of an import already names its day.
              /\d{4}-\d\d-\d\d/.test(c.consent.evidence)
              ? c.consent.evidence
              : `${c.consent.evidence} (${fmt().date(c.consent.at, 'date')})`
            : 'No consent recorded.'}
        </Text>
        {c.marketingDeclined && (
          <Text size="sm" c="orange.8" data-testid="customer-marketing-declined">
            {c.marketingDeclined.evidence}. Marketing campaigns leave this customer out; utility
            messages still reach them.
          </Text>
        )}
        {c.optOut && (
          <Text size="sm" c="red">
            Opted out {fmt().date(c.optOut.at, 'date')}: {c.optOut.reason}. No campaign sends to
            this number.
          </Text>
        )}
      </div>
      <div>
        <Title order={5}>Attributes</Title>
        <Attributes c={c} />
      </div>
      <div>
        <Title order={5}>Campaigns</Title>
        <Timeline c={c} />
      </div>
      <div>
        <Title order={5}>Replies</Title>
        <Replies c={c} />
      </div>
      <Group justify="flex-end">
        <Button variant="default" onClick={onEdit}>
          Edit…
        </Button>
        <Button color="red" variant="light" onClick={onForget}>
          Forget this customer…
        </Button>
      </Group>
    </Stack>
  );
}

/** One customer: attributes with their dates, consent evidence, campaign history and replies. */
export function CustomerDrawer({
  onForget,
  onEdit,
}: {
  onForget: (phone: string) => void;
  onEdit: () => void;
}) {
  const customer = useStore((s) => s.customer);
  return (
    <Drawer
      opened={customer !== null}
      onClose={() => useStore.getState().closeCustomer()}
      position="right"
      size="lg"
      title={<Title order={3}>{customer?.phone ?? ''}</Title>}
    >
      {customer?.error && <Alert color="red">{customer.error.message}</Alert>}
      {customer && !customer.detail && !customer.error && <Loader size="sm" aria-label="Loading" />}
      {customer?.detail && (
        <Body c={customer.detail} onForget={() => onForget(customer.phone)} onEdit={onEdit} />
      )}
    </Drawer>
  );
}
