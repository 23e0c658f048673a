import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { FormatNode, RenderedMessage, Segment } from '../../../../shared/domain/templates';
import { CarouselCards, OfferBox } from './OfferAndCards';

/**
 * A WhatsApp-like message bubble drawn from the core's RenderedMessage: the same text the request
 * body carries, with WhatsApp's markup applied and missing values marked. `dir="auto"` lets Arabic or
 * Hebrew templates and values run right to left, as they do on the phone.
 */

const missingStyle = {
  background: 'var(--mantine-color-red-1)',
  color: 'var(--mantine-color-red-9)',
  borderRadius: 3,
  padding: '0 2px',
  outline: '1px dashed var(--mantine-color-red-6)',
} as const;
const valueStyle = { background: 'var(--mantine-color-teal-0)', borderRadius: 3 } as const;

function Value({
  text,
  slot,
  missing,
}: {
  text: string;
  slot?: string | undefined;
  missing?: boolean | undefined;
}) {
  if (slot === undefined) return <>{text}</>;
  if (missing) {
    return (
      <span
        style={missingStyle}
        data-testid="missing-value"
        title={`${slot} has no value for this recipient`}
      >
        {text}
      </span>
    );
  }
  return (
    <span style={valueStyle} data-slot={slot} title={slot}>
      {text}
    </span>
  );
}

function renderNodes(nodes: readonly FormatNode[]): ReactNode[] {
  return nodes.map((n, i) => {
    if (n.type === 'text') return <Value key={i} text={n.text} slot={n.slot} missing={n.missing} />;
    const children = renderNodes(n.children);
    switch (n.type) {
      case 'bold':
        return <strong key={i}>{children}</strong>;
      case 'italic':
        return <em key={i}>{children}</em>;
      case 'strike':
        return <s key={i}>{children}</s>;
      case 'monospace':
      case 'code':
        return (
          <code key={i} style={{ fontFamily: 'monospace', fontSize: '0.95em' }}>
            {children}
          </code>
        );
    }
  });
}

const segments = (parts: readonly Segment[]) =>
  parts.map((s, i) => <Value key={i} text={s.text} slot={s.slot} missing={s.missing} />);

const isHttps = (s: string | undefined): s is string => s !== undefined && /^https:\/\//i.test(s);
const baseName = (s: string) => s.split(/[\\/]/).pop() ?? s;

function MediaHeader({
  header,
}: {
  header: Extract<NonNullable<RenderedMessage['header']>, { type: 'media' }>;
}) {
  const label = header.format.toLowerCase();
  if (header.missing) {
    return (
      <Box
        p="lg"
        mb={6}
        style={{ ...missingStyle, textAlign: 'center' }}
        data-testid="missing-value"
      >
        No {label} chosen
      </Box>
    );
  }
  if (header.format === 'IMAGE' && isHttps(header.source)) {
    return (
      <img
        src={header.source}
        alt="Header"
        style={{ width: '100%', borderRadius: 6, marginBottom: 6, display: 'block' }}
      />
    );
  }
  return (
    <Box
      p="md"
      mb={6}
      style={{ background: 'var(--mantine-color-gray-1)', borderRadius: 6, wordBreak: 'break-all' }}
    >
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{header.source ? baseName(header.source) : ''}</Text>
    </Box>
  );
}

export function MessageBubble({ message }: { message: RenderedMessage }) {
  return (
    <Box
      data-testid="message-bubble"
      style={{ background: '#e5ddd5', padding: 16, borderRadius: 8, minHeight: 120 }}
    >
      <Box
        style={{
          background: 'white',
          borderRadius: '0 8px 8px 8px',
          padding: '6px 9px 8px',
          maxWidth: 360,
          boxShadow: '0 1px 0.5px rgba(0,0,0,0.13)',
        }}
      >
        {message.header?.type === 'text' && (
          <Text fw={700} mb={4} dir="auto" data-testid="bubble-header">
            {segments(message.header.segments)}
          </Text>
        )}
        {message.header?.type === 'media' && <MediaHeader header={message.header} />}
        {message.offer && (
          <OfferBox
            offer={message.offer}
            code={message.buttons.find((b) => b.type === 'COPY_CODE')?.code}
          />
        )}
        <Text
          size="sm"
          dir="auto"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="bubble-body"
        >
          {renderNodes(message.bodyFormatted)}
        </Text>
        {message.footer !== undefined && (
          <Text size="xs" c="dimmed" mt={4} dir="auto">
            {message.footer}
          </Text>
        )}
      </Box>
      {message.cards && (
        <CarouselCards cards={message.cards} renderBody={(c) => renderNodes(c.bodyFormatted)} />
      )}
      {message.buttons.map((b, i) => (
        <Box
          key={i}
          mt={3}
          maw={360}
          p={6}
          data-testid="bubble-button"
          title={b.url ?? b.phoneNumber ?? b.code ?? b.type}
          style={{
            background: 'white',
            borderRadius: 8,
            textAlign: 'center',
            color: '#0096de',
            fontSize: 14,
          }}
        >
          <span dir="auto">{b.text}</span>
          {b.missing && (
            <Text
              component="span"
              size="xs"
              ml={6}
              style={missingStyle}
              data-testid="missing-value"
            >
              {b.type === 'COPY_CODE' ? 'code missing' : 'link value missing'}
            </Text>
          )}
          {b.url && !b.missing && (
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              {b.url}
            </Text>
          )}
          {b.code && (
            <Text size="xs" c="dimmed">
              Code: {b.code}
            </Text>
          )}
        </Box>
      ))}
    </Box>
  );
}
