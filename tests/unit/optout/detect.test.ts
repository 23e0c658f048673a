import { describe, expect, it } from 'vitest';
import { detectOptOut, matchOptOutText, OPT_OUT_KEYWORDS } from '../../../shared/domain/optout';
import { normalizeWords } from '../../../shared/domain/optout/normalize';
import { ofKind, parseWebhook } from '../../../shared/domain/status';
import {
  ANSWERED_WAMID,
  buttonMessage,
  CUSTOMER,
  inboundWebhook,
  interactiveReply,
  textMessage,
} from './inbound-payloads';

/** The detector as the reconciler calls it: on what parseWebhook makes of Meta's body. */
function detectIn(body: object) {
  const parsed = parseWebhook(body);
  expect(parsed.problems).toEqual([]);
  return ofKind(parsed.observations, 'inbound').map((m) => detectOptOut(m));
}

const textOptOut = (body: string) => {
  const [d] = detectIn(inboundWebhook([textMessage(body)]));
  return d!;
};

describe('opt-out replies (typed)', () => {
  it.each([
    'STOP',
    'stop',
    'Stop please',
    'STOP!!',
    '  stop.',
    'Stop 🛑',
    'stop, thanks',
    'Stopp',
    'ARRÊT',
    'arret',
    'Arrête de m’envoyer des messages',
    'baja',
    'Baja por favor',
    'cancelar suscripción',
    'CANCELAR SUSCRIPCION',
    'Darme de baja',
    'unsubscribe me',
    'UNSUBSCRIBE',
    'Unsub',
    'opt out',
    'Opt-out',
    'STOP ALL',
    'Cancel',
    'cancel please',
    'END',
    'Quit.',
    'Parar',
    'pare de enviar',
    'Não quero mais',
    'Descadastrar',
    'Sair',
    'Désinscription',
    'me désabonner',
    'Abmelden',
    'keine Werbung bitte',
    'Disiscrivimi',
    'Basta',
    'Afmelden',
    'stoppen aub',
    'Berhenti',
    'berhenti langganan',
    'Batal',
    'İptal',
    'iptal lütfen',
    'Abonelikten çık',
    'abonelikten cik',
    'DURDUR',
    'band karo',
    'Band',
    'बंद करो',
    'mat bhejo',
    'توقف',
    'توقـــف',
    'إلغاء الاشتراك',
    'الغاء',
    'Sitisha',
    'Acha tafadhali',
    'niondoe',
    'Stop\nplease',
    'Please stop',
    'pls unsubscribe',
    'Por favor, darme de baja',
    'ya basta',
    'Tolong berhenti',
  ])('"%s"', (body) => {
    const d = textOptOut(body);
    expect(d).toMatchObject({ optOut: true, via: 'reply', words: body.trim() });
  });

  it.each([
    "don't stop",
    'Dont stop',
    'stopwatch',
    'bus stop at 5?',
    'non-stop',
    'Nonstop flights?',
    'Is the sale at the bus stop store?',
    'cancel my order',
    'Cancel the order from yesterday please',
    'end of the month?',
    'baja el precio?',
    'Fin de semana abren?',
    'para mañana?',
    'Alto o bajo?',
    'basta che arrivi domani',
    'sair hoje?',
    'dur bakalım',
    'acha nikuambie',
    'band practice tonight',
    'Fine',
    'Thanks!',
    'How much is it?',
    'I love your shop, never stop!',
    '',
    '   ',
    '🛑',
    'S\u200Btop', // a zero-width space splits the word: "s" and "top" are not "stop"
    'please',
    'Thank you, see you soon',
  ])('"%s" is not an opt-out', (body) => {
    expect(textOptOut(body).optOut).toBe(false);
  });

  it('reports the keyword and its language', () => {
    expect(textOptOut('Stop promotions please')).toMatchObject({
      keyword: 'stop promotions',
      language: 'en',
    });
    expect(textOptOut('Cancelar suscripción')).toMatchObject({
      keyword: 'cancelar suscripcion',
      language: 'es',
    });
    expect(textOptOut('abonelikten çık')).toMatchObject({ language: 'tr' });
    expect(textOptOut('توقف')).toMatchObject({ language: 'ar' });
  });

  it('keeps at most 500 characters of what was sent', () => {
    const d = textOptOut(`STOP ${'x'.repeat(2000)}`);
    expect(d.optOut).toBe(true);
    if (d.optOut) expect(d.words.length).toBe(500);
  });

  it('recognises START-like replies without acting on them', () => {
    expect(textOptOut('START')).toEqual({ optOut: false, resubscribe: true });
    expect(textOptOut('unstop')).toEqual({ optOut: false, resubscribe: true });
    expect(textOptOut('start my order please now')).toEqual({ optOut: false, resubscribe: false });
  });
});

describe('opt-out button taps', () => {
  it('a template quick reply whose text is an opt-out, with the context it answered', () => {
    const parsed = parseWebhook(inboundWebhook([buttonMessage('Stop promotions', 'STOP_PROMOS')]));
    const [m] = ofKind(parsed.observations, 'inbound');
    expect(m).toMatchObject({
      waId: CUSTOMER,
      type: 'button',
      contextId: ANSWERED_WAMID,
      at: 1750032000_000,
    });
    expect(detectOptOut(m!)).toEqual({
      optOut: true,
      via: 'button',
      keyword: 'stop promotions',
      language: 'en',
      words: 'Stop promotions, payload STOP_PROMOS',
    });
  });

  it.each([
    ['Unsubscribe from Promos', 'Unsubscribe from Promos'],
    ['Parar promoções', 'PARAR'],
    ['No thanks', 'OPT_OUT'],
    ['Not for me', 'UNSUBSCRIBE'],
    ['Abbestellen', 'abbestellen'],
    ['Nein', 'optOut'],
    ['Nee', 'StopPromos'],
    ['إيقاف', 'ar_stop'],
  ])('text "%s" / payload "%s"', (text, payload) => {
    expect(detectIn(inboundWebhook([buttonMessage(text, payload)]))[0]).toMatchObject({
      optOut: true,
      via: 'button',
    });
  });

  it('an interactive button_reply (title and id)', () => {
    expect(
      detectIn(inboundWebhook([interactiveReply('Stop promotions', 'btn_1')]))[0],
    ).toMatchObject({ optOut: true, via: 'button', keyword: 'stop promotions' });
    expect(detectIn(inboundWebhook([interactiveReply('Not now', 'OPT_OUT')]))[0]).toMatchObject({
      optOut: true,
      via: 'button',
      keyword: 'opt out',
    });
  });

  it.each([
    ['Yes, I want it', 'BUY_NOW'],
    ['Shop now', 'shop'],
    ["Don't stop", 'KEEP'],
    ['Talk to us', 'stopwatch_info'],
    ['Track my order', 'ORDER_STATUS'],
  ])('text "%s" / payload "%s" is not an opt-out', (text, payload) => {
    expect(detectIn(inboundWebhook([buttonMessage(text, payload)]))[0]).toEqual({
      optOut: false,
      resubscribe: false,
    });
  });
});

describe('several messages and other types in one webhook', () => {
  it('looks at each message on its own; media and reactions are never opt-outs', () => {
    const body = inboundWebhook([
      textMessage('Hello'),
      textMessage('STOP'),
      {
        from: CUSTOMER,
        id: 'wamid.IMG',
        timestamp: '1749416390',
        type: 'image',
        image: { caption: 'stop', mime_type: 'image/jpeg', id: '1' },
      },
      {
        from: CUSTOMER,
        id: 'wamid.REACT',
        timestamp: '1749416391',
        type: 'reaction',
        reaction: { message_id: ANSWERED_WAMID, emoji: '🛑' },
      },
    ]);
    expect(detectIn(body).map((d) => d.optOut)).toEqual([false, true, false, false]);
  });
});

describe('the keyword list', () => {
  it('has no keyword that normalises to nothing or twice to the same words with different positions', () => {
    const seen = new Map<string, string>();
    for (const k of OPT_OUT_KEYWORDS) {
      const words = normalizeWords(k.phrase).join(' ');
      expect(words, k.phrase).not.toBe('');
      const before = seen.get(words);
      if (before !== undefined)
        expect(before, `"${k.phrase}" is listed as lead and as alone`).toBe(k.position);
      seen.set(words, k.position);
    }
  });

  it('matches every keyword typed in capitals, as the first word and alone', () => {
    for (const k of OPT_OUT_KEYWORDS) {
      expect(matchOptOutText(k.phrase.toUpperCase()), k.phrase).not.toBeNull();
      expect(matchOptOutText(`${k.phrase}!`), k.phrase).not.toBeNull();
      if (k.position === 'lead')
        expect(matchOptOutText(`${k.phrase} sending me these messages`), k.phrase).not.toBeNull();
      else expect(matchOptOutText(`${k.phrase} sending me these messages`), k.phrase).toBeNull();
    }
  });

  it('normalises case, accents, Turkish dotted and dotless i, and Arabic letter variants', () => {
    expect(normalizeWords('ÇIKIŞ İptal')).toEqual(['cikis', 'iptal']);
    expect(normalizeWords('Désinscription — MERCI!')).toEqual(['desinscription', 'merci']);
    expect(normalizeWords('إلغاء')).toEqual(normalizeWords('الغاء'));
    expect(normalizeWords('OPT_OUT-now')).toEqual(['opt', 'out', 'now']);
    expect(normalizeWords('StopPromos', { camelCase: true })).toEqual(['stop', 'promos']);
  });
});
