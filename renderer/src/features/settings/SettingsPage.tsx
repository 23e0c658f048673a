import { Alert, Badge, Code, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { Account } from '../../../../shared/api';
import { useStore } from '../../store';
import { AccountForm } from './AccountForm';
import { BusinessCountryField } from './BusinessCountryField';
import { AccountFormEdit } from './AccountFormEdit';
import { AccountConnection } from './AccountConnection';
import { AccountTokenField } from './AccountTokenField';
import { AccountQuietHours } from './AccountQuietHours';
import { DeliveryReports } from './DeliveryReports';
import { AccountMarketingApi } from './AccountMarketingApi';
import { fmt } from '../../lib/format';

// Where the portfolio's messaging limit came from (accounts/messaging-limit.ts).
const LIMIT_SOURCE: Record<Account['messagingLimitSource'], string> = {
  meta: 'read from Meta',
  default: "not read from Meta yet: WhatsApp's starting limit",
  manual: 'set by hand',
};
export function SettingsPage() {
  const accounts = useStore((s) => s.accounts);
  const info = useStore((s) => s.appInfo);
  const error = useStore((s) => s.settingsError);
  const businessCountry = useStore((s) => s.businessCountry);

  return (
    <Stack>
      <Title order={2}>Settings</Title>
      {error && <Alert color="red">{error.message}</Alert>}
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          Your business
        </Title>
        {/* Mounted again once loaded, so the field starts from the saved value. */}
        <BusinessCountryField key={businessCountry ? 'loaded' : 'loading'} />
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={4}>Accounts</Title>
          <AccountForm />
        </Group>
        <Text size="sm" c="dimmed" mb="sm">
          A campaign sends from one WhatsApp Business phone number. The Sandbox account simulates
          Meta's Cloud API on this computer, so you can try a whole campaign without sending a real
          message.
        </Text>
        <Table aria-label="Accounts">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Phone number ID</Table.Th>
              <Table.Th>Rate</Table.Th>
              <Table.Th>Messaging limit (24 h)</Table.Th>
              <Table.Th>Access token</Table.Th>
              <Table.Th>Connection</Table.Th>
              <Table.Th>Quiet hours (new campaigns)</Table.Th>
              <Table.Th>Marketing messages sent through</Table.Th>
              <Table.Th aria-label="Edit" />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {accounts.map((a) => (
              <Table.Tr key={a.id} data-testid="account-row">
                <Table.Td>
                  <Group gap="xs">
                    {a.name}
                    {a.kind === 'sandbox' && (
                      <Badge size="sm" variant="light" color="grape">
                        Simulated
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Code>{a.phoneNumberId}</Code>
                </Table.Td>
                <Table.Td>{a.ratePerSecond} messages/s</Table.Td>
                <Table.Td data-testid="account-limit" data-source={a.messagingLimitSource}>
                  {a.messagingLimit === null ? 'Unlimited' : fmt().count(a.messagingLimit)}
                  <Text size="xs" c="dimmed" title={a.messagingLimitError ?? undefined}>
                    {LIMIT_SOURCE[a.messagingLimitSource]}
                    {a.businessPortfolioId ? ` · portfolio ${a.businessPortfolioId}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <AccountTokenField accountId={a.id} accountName={a.name} />
                </Table.Td>
                <Table.Td>
                  <AccountConnection account={a} />
                </Table.Td>
                <Table.Td>
                  <AccountQuietHours accountId={a.id} accountName={a.name} />
                </Table.Td>
                <Table.Td>
                  <AccountMarketingApi account={a} />
                </Table.Td>
                <Table.Td>
                  <AccountFormEdit account={a} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {accounts.map((a) => (
        <DeliveryReports key={a.id} account={a} />
      ))}
      {info && (
        <Paper withBorder p="md">
          <Title order={4} mb="xs">
            About
          </Title>
          <Text size="sm">
            Campaign Desk {info.version} (
            {info.shell === 'electron' ? 'desktop app' : 'browser shell'}), data schema{' '}
            {info.schemaVersion}.
          </Text>
          <Text size="sm">
            Your data is kept in <Code>{info.dataDir}</Code>
          </Text>
        </Paper>
      )}
    </Stack>
  );
}
