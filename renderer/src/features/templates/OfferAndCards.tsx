import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import {
  offerCountdown,
  type RenderedCard,
  type RenderedOffer,
} from '../../../../shared/domain/templates';
import { fmt } from '../../lib/format';

/**
 * The parts only limited-time offer and carousel templates have: the offer box (its headline, the
 * countdown WhatsApp shows and the code to copy) and the row of cards the customer swipes through.
 */

const missingStyle = {
  background: 'var(--mantine-color-red-1)',
  color: 'var(--mantine-color-red-9)',
  borderRadius: 3,
  padding: '0 2px',
  outline: '1px dashed var(--mantine-color-red-6)',
} as const;

export function OfferBox({ offer, code }: { offer: RenderedOffer; code?: string | undefined }) {
  return (
    <Box
      data-testid="bubble-offer"
      mb={6}
      p={8}
      style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 6 }}
    >
      <Text fw={700} size="sm" dir="auto">
        {offer.text}
      </Text>
      {offer.hasExpiration &&
        (offer.expiresAt !== undefined ? (
          <Text size="xs" c="dimmed" data-testid="offer-countdown">
            {offerCountdown(offer.expiresAt, Date.now())} ({fmt().date(offer.expiresAt, 'dateTime')}
            )
          </Text>
        ) : (
          <Text size="xs" style={missingStyle} data-testid="missing-value">
            Offer expiry not set
          </Text>
        ))}
      {code !== undefined && (
        <Text size="xs" mt={2} data-testid="offer-code">
          Code <code>{code}</code>
        </Text>
      )}
    </Box>
  );
}

const isHttps = (s: string | undefined): s is string => s !== undefined && /^https:\/\//i.test(s);

function CardMedia({ card, n }: { card: RenderedCard; n: number }) {
  const label = card.header.format === 'VIDEO' ? 'video' : 'image';
  if (card.header.missing)
    return (
      <Box p="lg" style={{ ...missingStyle, textAlign: 'center' }} data-testid="missing-value">
        No {label} for card {n}
      </Box>
    );
  if (card.header.format === 'IMAGE' && isHttps(card.header.source))
    return (
      <img
        src={card.header.source}
        alt={`Card ${n}`}
        style={{
          width: '100%',
          height: 120,
          objectFit: 'cover',
          borderRadius: 6,
          display: 'block',
        }}
      />
    );
  return (
    <Box
      p="md"
      style={{ background: 'var(--mantine-color-gray-1)', borderRadius: 6, wordBreak: 'break-all' }}
    >
      <Text size="xs" c="dimmed" tt="uppercase">
        {label}
      </Text>
      <Text size="xs">{card.header.source ?? ''}</Text>
    </Box>
  );
}

export function CarouselCards({
  cards,
  renderBody,
}: {
  cards: readonly RenderedCard[];
  renderBody: (card: RenderedCard) => ReactNode;
}) {
  return (
    <>
      <Box
        data-testid="bubble-carousel"
        mt={6}
        style={{
          display: 'flex',
          gap: 8,
          overflowX: 'auto',
          scrollSnapType: 'x mandatory',
          paddingBottom: 4,
          maxWidth: 420,
        }}
      >
        {cards.map((card, i) => (
          <Box
            key={i}
            data-testid="carousel-card"
            style={{
              flex: '0 0 220px',
              scrollSnapAlign: 'start',
              background: 'white',
              borderRadius: 8,
              padding: 6,
              boxShadow: '0 1px 0.5px rgba(0,0,0,0.13)',
            }}
          >
            <CardMedia card={card} n={i + 1} />
            <Text size="sm" mt={4} dir="auto" style={{ whiteSpace: 'pre-wrap' }}>
              {renderBody(card)}
            </Text>
            {card.buttons.map((b, j) => (
              <Box
                key={j}
                mt={4}
                pt={4}
                title={b.url ?? b.type}
                style={{
                  borderTop: '1px solid var(--mantine-color-gray-2)',
                  textAlign: 'center',
                  color: '#0096de',
                  fontSize: 13,
                }}
              >
                {b.text}
                {b.missing && (
                  <Text
                    component="span"
                    size="xs"
                    ml={4}
                    style={missingStyle}
                    data-testid="missing-value"
                  >
                    link value missing
                  </Text>
                )}
              </Box>
            ))}
          </Box>
        ))}
      </Box>
      <Text size="xs" c="dimmed" data-testid="carousel-hint">
        {cards.length} cards: scroll sideways to see them all, as the customer swipes.
      </Text>
    </>
  );
}
