import { Alert, Anchor, Badge, Box, Button, Group, Image, Text } from '@mantine/core';
import { useState } from 'react';
import type { ApiError, Reply, ReplyAnswer, ThreadItem } from '../../../../shared/api';
import { api } from '../../lib/api';
import { fmt } from '../../lib/format';

const ANSWER_STATE: Record<ReplyAnswer['state'], { label: string; color: string }> = {
  queued: { label: 'waiting', color: 'gray' },
  sending: { label: 'sending', color: 'blue' },
  sent: { label: 'sent', color: 'blue' },
  delivered: { label: 'delivered', color: 'teal' },
  read: { label: 'read', color: 'green' },
  failed: { label: 'failed', color: 'red' },
  // Interrupted by a crash: it may or may not have arrived, and nothing resends it by itself.
  unknown: { label: 'may not have arrived', color: 'orange' },
};

/** A customer's file: a picture is shown once asked for, anything else is saved where the user says. */
function ReplyFile({ reply }: { reply: Reply }) {
  const [picture, setPicture] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const media = reply.media;
  if (!media) return null;
  const isPicture = reply.type === 'image' || reply.type === 'sticker';
  const name =
    media.filename ??
    (isPicture ? 'the photo' : reply.type === 'audio' ? 'the voice message' : `the ${reply.type}`);
  const show = async () => {
    setBusy(true);
    const r = await api.call('replies.picture', { replyId: reply.id });
    setBusy(false);
    if (r.ok) setPicture(r.value.dataUrl);
    else setError(r.error);
  };
  const save = async () => {
    setBusy(true);
    // Fetched into the data folder first (size and type checked), then saved where the user says.
    const r = await api.call('replies.media', { replyId: reply.id }, { shownInPlace: true });
    const saved = r.ok ? await api.download('reply-media', reply.id) : r;
    setBusy(false);
    setError(saved.ok ? null : saved.error);
  };
  return (
    <Box mt={4}>
      {picture ? (
        <Image
          src={picture}
          alt={reply.body ?? 'Photo from the customer'}
          maw={280}
          radius="sm"
          data-testid="reply-picture"
        />
      ) : (
        <Group gap="xs">
          {isPicture && (
            <Button size="compact-xs" variant="light" loading={busy} onClick={() => void show()}>
              Show photo
            </Button>
          )}
          <Anchor
            component="button"
            type="button"
            size="sm"
            onClick={() => void save()}
            data-testid="reply-download"
          >
            Download {name}
            {media.size ? ` (${fmt().bytes(media.size)})` : ''}
          </Anchor>
        </Group>
      )}
      {error && (
        <Alert color="red" mt={4} p="xs" data-testid="reply-file-error">
          {error.message}
        </Alert>
      )}
    </Box>
  );
}

function Bubble(props: {
  side: 'in' | 'out';
  children: React.ReactNode;
  testId: string;
  state?: string;
}) {
  return (
    <Group
      justify={props.side === 'in' ? 'flex-start' : 'flex-end'}
      data-testid={props.testId}
      data-state={props.state}
    >
      <Box
        p="xs"
        maw="75%"
        style={{
          background: props.side === 'in' ? 'white' : 'var(--mantine-color-green-1)',
          border: '1px solid var(--mantine-color-gray-3)',
          borderRadius: 8,
        }}
      >
        {props.children}
      </Box>
    </Group>
  );
}

function ReplyBubble({ reply }: { reply: Reply }) {
  const tapped = reply.type === 'button' || reply.type === 'interactive';
  return (
    <Bubble side="in" testId="thread-reply">
      {tapped ? (
        <Text size="sm">
          Tapped the button{' '}
          <Badge variant="light">{reply.body ?? reply.buttonPayload ?? '?'}</Badge>
        </Text>
      ) : reply.body ? (
        <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {reply.type === 'reaction' ? `Reacted ${reply.body}` : reply.body}
        </Text>
      ) : null}
      <ReplyFile reply={reply} />
      <Text size="xs" c="dimmed" mt={2}>
        {fmt().date(reply.at, 'dateTime')}
        {reply.campaignName
          ? ` · answers “${reply.campaignName}”${reply.variant ? ` (variant ${reply.variant})` : ''}`
          : ''}
      </Text>
    </Bubble>
  );
}

function AnswerBubble({ answer }: { answer: ReplyAnswer }) {
  const s = ANSWER_STATE[answer.state];
  const what =
    answer.kind === 'template'
      ? `Template ${answer.templateName ?? ''}`
      : answer.kind === 'text'
        ? null
        : `${answer.kind === 'image' ? 'Picture' : 'Document'} ${answer.mediaFilename ?? ''}`;
  return (
    <Bubble side="out" testId="thread-answer" state={answer.state}>
      {what && (
        <Text size="xs" fw={600}>
          {what}
        </Text>
      )}
      {answer.body && (
        <Text size="sm" dir="auto" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {answer.body}
        </Text>
      )}
      <Group gap={6} mt={2} justify="flex-end">
        <Text size="xs" c="dimmed">
          {fmt().date(answer.createdAt, 'dateTime')}
        </Text>
        <Badge size="xs" variant="light" color={s.color} data-testid="answer-state">
          {s.label}
        </Badge>
      </Group>
      {answer.errorTitle && (
        <Text size="xs" c="red">
          {answer.errorTitle}
        </Text>
      )}
    </Bubble>
  );
}

export function MessageItem({ item }: { item: ThreadItem }) {
  if (item.kind === 'reply') return <ReplyBubble reply={item.reply} />;
  if (item.kind === 'answer') return <AnswerBubble answer={item.answer} />;
  return (
    <Alert color="red" variant="light" p="xs" data-testid="thread-optout" title="Opted out">
      <Text size="sm">
        {fmt().date(item.at, 'dateTime')}: {item.reason} ({item.source}). Campaigns no longer send
        to this number.
      </Text>
    </Alert>
  );
}
