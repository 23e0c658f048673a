import { Button, FileButton, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { ApiError, ServiceWindow } from '../../../../shared/api';
import { fmt } from '../../lib/format';
import { useStore } from '../../store';
import { windowLeft } from './window-text';

const TICK_MS = 30_000;

/**
 * The window left, counted down on screen from what the core said when the thread was read (the
 * core's clock is the truth, the screen's only measures the time since). When it runs out, the
 * thread is read again and the template picker takes the box's place.
 */
function useRemaining(window: ServiceWindow): number {
  const [readAt] = useState(() => Date.now());
  const [now, setNow] = useState(readAt);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(t);
  }, []);
  const left = window.remainingMs - (now - readAt);
  useEffect(() => {
    if (window.open && left <= 0) void useStore.getState().refreshThread();
  }, [window.open, left]);
  return left;
}

/** Free-form answer within the customer-service window: text, or a picture or document with a caption. */
export function AnswerBox({ window }: { window: ServiceWindow }) {
  const left = useRemaining(window);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const run = async (send: () => Promise<ApiError | null>, clear: boolean) => {
    setBusy(true);
    const e = await send();
    setBusy(false);
    // A refusal shows above the box (ThreadView); what was typed stays.
    if (!e && clear) setText('');
  };
  const { answerReply, answerWithFile } = useStore.getState();
  return (
    <Paper withBorder p="sm" data-testid="answer-box">
      <Stack gap="xs">
        <Text size="sm" c={left < 3600_000 ? 'orange' : 'dimmed'} data-testid="answer-window">
          You can answer freely: the 24-hour window {windowLeft(fmt(), left)} (at{' '}
          {fmt().date(window.closesAt, 'weekdayTime')}).
        </Text>
        <Textarea
          aria-label="Your answer"
          placeholder="Write your answer"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={8}
          maxLength={4096}
        />
        <Group justify="space-between">
          <Group gap="xs">
            <FileButton
              accept="image/jpeg,image/png"
              onChange={(f) => f && void run(() => answerWithFile('image', f, text), true)}
            >
              {(props) => (
                <Button {...props} variant="default" size="xs" disabled={busy}>
                  Send a picture…
                </Button>
              )}
            </FileButton>
            <FileButton
              accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx"
              onChange={(f) => f && void run(() => answerWithFile('document', f, text), true)}
            >
              {(props) => (
                <Button {...props} variant="default" size="xs" disabled={busy}>
                  Send a document…
                </Button>
              )}
            </FileButton>
          </Group>
          <Button
            onClick={() => void run(() => answerReply(text), true)}
            loading={busy}
            disabled={text.trim() === ''}
          >
            Send answer
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          A text you type before choosing a picture or document goes with it as its caption.
        </Text>
      </Stack>
    </Paper>
  );
}
