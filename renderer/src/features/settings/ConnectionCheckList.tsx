import { List, Text, ThemeIcon } from '@mantine/core';
import type { ConnectionCheck, ConnectionCheckItem } from '../../../../shared/api';

const LABEL: Record<ConnectionCheckItem['id'], string> = {
  token: 'Access token',
  phone_number: 'Phone number ID',
  waba: 'WhatsApp Business Account ID',
  pairing: 'Number and account together',
};

const MARK: Record<ConnectionCheckItem['result'], { color: string; sign: string }> = {
  ok: { color: 'teal', sign: '✓' },
  wrong: { color: 'red', sign: '✗' },
  skipped: { color: 'gray', sign: '–' },
  unreachable: { color: 'yellow', sign: '?' },
};

/** What "Test connection" found, one line per thing checked, the wrong one named. */
export function ConnectionCheckList({ check }: { check: ConnectionCheck }) {
  return (
    <List spacing={4} size="sm" data-testid="connection-check" center>
      {check.items.map((item) => (
        <List.Item
          key={item.id}
          data-result={item.result}
          icon={
            <ThemeIcon size={18} radius="xl" color={MARK[item.result].color} aria-hidden>
              <Text size="xs" fw={700} c="white">
                {MARK[item.result].sign}
              </Text>
            </ThemeIcon>
          }
        >
          <Text size="sm" span fw={600}>
            {LABEL[item.id]}:
          </Text>{' '}
          <Text size="sm" span>
            {item.message}
          </Text>
        </List.Item>
      ))}
    </List>
  );
}
