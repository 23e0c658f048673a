import { cardBodyOf, cardButtonsOf, cardHeaderOf, cardsOf, offerOf } from './components';
import { formatSegments } from './formatting';
import { parseOfferExpiry } from './offer-expiry';
import { present, renderButton, renderText } from './render-text';
import type { RenderedCard, RenderedHeader, RenderedOffer } from './rendered';
import type { ResolvedValue } from './resolve';

type Values = Readonly<Record<string, ResolvedValue>>;
type Template = Parameters<typeof offerOf>[0];

export function renderOffer(t: Template, values: Values): RenderedOffer | undefined {
  const offer = offerOf(t);
  if (!offer) return undefined;
  const hasExpiration = offer.limited_time_offer.has_expiration === true;
  const out: RenderedOffer = { text: offer.limited_time_offer.text, hasExpiration };
  if (!hasExpiration) return out;
  const v = present(values, 'offer.expiry');
  const parsed = v ? parseOfferExpiry(v.value) : undefined;
  if (parsed?.ok) out.expiresAt = parsed.ms;
  else out.missing = true;
  return out;
}

export function renderCards(t: Template, values: Values): RenderedCard[] {
  return cardsOf(t).map((card, i) => {
    const prefix = `card.${i + 1}`;
    const format = cardHeaderOf(card)?.format ?? 'IMAGE';
    const media = present(values, `${prefix}.header`);
    const header: Extract<RenderedHeader, { type: 'media' }> =
      format === 'TEXT'
        ? { type: 'media', format: 'IMAGE', missing: true }
        : media
          ? { type: 'media', format, source: media.value }
          : { type: 'media', format, missing: true };
    const body = renderText(cardBodyOf(card)?.text ?? '', `${prefix}.body`, values);
    return {
      header,
      body,
      bodyFormatted: formatSegments(body),
      buttons: cardButtonsOf(card).map((b, index) =>
        renderButton(b, `${prefix}.button.${index}`, values),
      ),
    };
  });
}
