import { Badge, Group, SegmentedControl, Text } from '@mantine/core';
import type { PreviewLanguage as Shown } from '../../../../shared/api';
import { useStore } from '../../store';
import { languageLabel } from './language-label';

/**
 * Which translation the preview shows and which one this recipient gets; the switch shows the same
 * recipient's message in another language of the family.
 */
export function PreviewLanguage({
  language,
  hasRecipient,
}: {
  language: Shown;
  hasRecipient: boolean;
}) {
  const gets = language.recipientGets;
  return (
    <Group gap="xs" justify="space-between" data-testid="preview-language">
      {hasRecipient && language.perRecipient ? (
        <Text size="sm" data-testid="preview-recipient-language">
          {language.fellBack
            ? `Gets ${languageLabel(gets)}: the fallback, as their language has no translation.`
            : `Gets ${languageLabel(gets)}.`}
        </Text>
      ) : (
        <Badge variant="light" color="gray">
          Everybody gets {languageLabel(gets)}
        </Badge>
      )}
      {language.family.length > 1 && (
        <Group gap={6}>
          <Text size="xs" c="dimmed">
            Show in
          </Text>
          <SegmentedControl
            size="xs"
            aria-label="Show the message in"
            value={language.shown}
            data={language.family.map((c) => ({ value: c, label: c }))}
            onChange={(c) => void useStore.getState().showLanguage(c === gets ? null : c)}
          />
        </Group>
      )}
    </Group>
  );
}
