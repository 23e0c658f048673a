import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import type { Autofix, CheckResult } from '../../../../shared/domain/studio';
import { fmt, noun } from '../../lib/format';

/** The check's findings beside the form: what is wrong, where, the fix, and a one-click fix. */
export function FindingsList({
  result,
  onFix,
}: {
  result: CheckResult;
  onFix: (fix: Autofix) => void;
}) {
  if (result.findings.length === 0)
    return (
      <Alert color="teal" title="No problems found" data-testid="studio-check-ok">
        WhatsApp should accept this template as it is.
      </Alert>
    );
  return (
    <Stack gap="xs" data-testid="studio-findings">
      <Text size="sm" fw={600}>
        {fmt().countOf(result.errors, noun('problem'))} WhatsApp would reject,{' '}
        {fmt().countOf(result.warnings, noun('warning'))}
      </Text>
      {result.findings.map((f, i) => (
        <Alert
          key={`${f.rule}-${f.field}-${i}`}
          color={f.severity === 'error' ? 'red' : 'yellow'}
          title={`${f.severity === 'error' ? 'Problem' : 'Warning'} in ${f.field}`}
          data-testid="studio-finding"
          data-rule={f.rule}
        >
          <Text size="sm">{f.message}</Text>
          <Group justify="space-between" mt={4} wrap="nowrap">
            <Text size="sm" c="dimmed">
              Fix: {f.fix}
            </Text>
            {f.autofix && (
              <Button size="xs" variant="light" onClick={() => onFix(f.autofix!)}>
                {f.autofix.label}
              </Button>
            )}
          </Group>
        </Alert>
      ))}
    </Stack>
  );
}
