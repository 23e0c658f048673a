import {
  Alert,
  Badge,
  Center,
  Group,
  Loader,
  Paper,
  ScrollArea,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useRef } from 'react';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';
import { AnswerBox } from './AnswerBox';
import { LabelsEditor } from './LabelsEditor';
import { MessageItem } from './MessageItem';
import { TemplateAnswer } from './TemplateAnswer';

/** One customer's conversation, oldest first as it reads, with the answer box under it. */
export function ThreadView() {
  const open = useStore((s) => s.openThread);
  const endRef = useRef<HTMLDivElement>(null);
  const thread = open?.thread ?? null;
  const count = thread?.items.length ?? 0;
  useEffect(() => {
    endRef.current?.scrollIntoView({ block: 'end' });
  }, [open?.phone, count]);

  if (!open)
    return (
      <Center h={300}>
        <Text c="dimmed">Choose a conversation on the left to read and answer it.</Text>
      </Center>
    );
  if (open.error)
    return (
      <Alert color="red" title="This conversation cannot be shown">
        {open.error.message}
      </Alert>
    );
  if (!thread)
    return (
      <Center h={300}>
        <Loader size="sm" aria-label="Loading the conversation" />
      </Center>
    );
  return (
    <Stack gap="sm" data-testid="reply-thread-view" data-phone={thread.phone}>
      <Group justify="space-between">
        <Title order={4}>
          {thread.name
            ? `${thread.name} · ${fmt().phone(thread.phone)}`
            : fmt().phone(thread.phone)}
        </Title>
        {thread.optedOut && (
          <Badge color="red" variant="light">
            opted out
          </Badge>
        )}
      </Group>
      <LabelsEditor labels={thread.labels} />
      <Paper withBorder p={0} bg="gray.0">
        <ScrollArea.Autosize mah="max(220px, calc(100vh - 520px))" type="auto">
          <Stack gap="xs" p="sm">
            {thread.items.map((item) => (
              <MessageItem
                key={`${item.kind}-${item.kind === 'reply' ? item.reply.id : item.kind === 'answer' ? item.answer.id : item.at}`}
                item={item}
              />
            ))}
            <div ref={endRef} />
          </Stack>
        </ScrollArea.Autosize>
      </Paper>
      {thread.optedOut ? (
        <Alert color="gray" data-testid="answer-opted-out">
          This customer opted out: campaigns no longer send to them. You can still answer them while
          the 24-hour window is open.
        </Alert>
      ) : null}
      {open.answerError && (
        <Alert color="red" title="The answer was not sent" data-testid="answer-error">
          {open.answerError.message}
        </Alert>
      )}
      {thread.window.open ? (
        <AnswerBox key={`${thread.phone}-${thread.window.closesAt}`} window={thread.window} />
      ) : (
        <TemplateAnswer window={thread.window} accountId={thread.accountId} />
      )}
    </Stack>
  );
}
