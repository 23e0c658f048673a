/**
 * Opt-out words in the languages a small business's customers commonly write in. Each entry is
 * written as a person types it; the detector normalises it the same way as the message (lower
 * case, no accents, no punctuation), so "ARRÊT", "arret" and "Arrêt." are one keyword.
 *
 * Two kinds, because some words mean "stop" only when they stand alone:
 * - lead: an opt-out whenever the message starts with it ("Stop please", "unsubscribe me",
 *   "STOP sending me these"). Words that, at the start of a message, practically always ask to stop.
 * - alone: an opt-out only when it is the whole message, give or take a "please" or "thanks"
 *   (see POLITE). "Cancel" alone is the carriers' standard opt-out word, but "cancel my order" is
 *   not an opt-out; Spanish "baja" alone is, "baja el precio?" is not; French "fin" alone is, but
 *   "fin de semana" (Spanish: weekend) is not.
 *
 * Sources for the English set: the keywords US carriers and SMS platforms treat as opt-outs
 * (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, plus OPTOUT and REVOKE, CTIA / FCC 2024 rules);
 * for the others, the words the same platforms localise those to, and Meta's own quick-reply
 * examples ("Stop promotions", "Unsubscribe from Promos", seen localised as "Parar promoções",
 * cloud-api.md §9). Where a word is ambiguous in another listed language it is "alone" only.
 */

export type KeywordPosition = 'lead' | 'alone';

export interface OptOutKeyword {
  phrase: string;
  /** BCP 47 language of the word, for the record ("why was this number added?"). */
  language: string;
  position: KeywordPosition;
}

const lead = (language: string, ...phrases: string[]): OptOutKeyword[] =>
  phrases.map((phrase) => ({ phrase, language, position: 'lead' }));
const alone = (language: string, ...phrases: string[]): OptOutKeyword[] =>
  phrases.map((phrase) => ({ phrase, language, position: 'alone' }));

export const OPT_OUT_KEYWORDS: readonly OptOutKeyword[] = [
  // English. "stop" is understood in every language below too (it is on most keyboards' suggestion bar
  // and in most businesses' own templates), so it is matched whatever language the customer writes in.
  ...lead(
    'en',
    'stop',
    'stopall',
    'stop all',
    'unsubscribe',
    'unsub',
    'optout',
    'opt out',
    'opt me out',
    'remove me',
    'stop promotions',
    'stop promos',
    'cancel subscription',
    'cancel my subscription',
    'no more messages',
    'no more promotions',
    'no more promos',
  ),
  // cancel/end/quit/revoke: carrier-standard opt-outs, but "cancel my order", "end of the month", "quit
  // asking" and such are ordinary messages, so only alone.
  ...alone('en', 'cancel', 'end', 'quit', 'revoke', 'no more'),

  // Spanish. "darme de baja" / "dar de baja" / "darse de baja": to unsubscribe; "cancelar suscripción",
  // "desuscribir(me)", "anular suscripción": unsubscribe; "parar" / "detener": to stop; "no enviar más":
  // do not send any more. "baja" (also "low"), "alto" (also "tall"), "para" (also "for"), "cancelar"
  // (any cancellation) and "no más" only alone.
  ...lead(
    'es',
    'darme de baja',
    'dar de baja',
    'darse de baja',
    'cancelar suscripcion',
    'cancelar la suscripcion',
    'anular suscripcion',
    'desuscribir',
    'desuscribirme',
    'desuscribete',
    'parar',
    'detener',
    'no enviar mas',
    'no me envien mas',
    'dejar de recibir',
  ),
  ...alone('es', 'baja', 'alto', 'para', 'cancelar', 'no mas', 'basta'),

  // Portuguese. "parar" / "pare": stop (Meta's button seen as "Parar promoções"); "descadastrar",
  // "cancelar inscrição", "sair da lista": unsubscribe; "não quero mais": I don't want any more.
  // "sair" (to leave), "cancelar" and "chega" (enough) only alone.
  ...lead(
    'pt',
    'parar',
    'pare',
    'parar promocoes',
    'descadastrar',
    'descadastre',
    'descadastrar me',
    'cancelar inscricao',
    'sair da lista',
    'nao quero mais',
    'nao enviar mais',
    'nao envie mais',
  ),
  ...alone('pt', 'sair', 'chega', 'cancelar'),

  // French. "arrêt" / "arrêter" / "arrête": stop (the French SMS standard is STOP, "ARRET" is its
  // common spelling without the accent); "désinscrire", "désabonner", "désinscription",
  // "désabonnement": unsubscribe. "fin" only alone.
  ...lead(
    'fr',
    'arret',
    'arreter',
    'arrete',
    'arretez',
    'desinscrire',
    'desinscrivez moi',
    'me desinscrire',
    'desabonner',
    'me desabonner',
    'desinscription',
    'desabonnement',
  ),
  ...alone('fr', 'fin', 'annuler'),

  // German. "stopp": the German spelling of stop; "abmelden", "abbestellen", "austragen": unsubscribe;
  // "keine Werbung": no advertising. "Ende" (end) only alone.
  ...lead(
    'de',
    'stopp',
    'abmelden',
    'abbestellen',
    'austragen',
    'keine werbung',
    'keine nachrichten mehr',
  ),
  ...alone('de', 'ende', 'beenden'),

  // Italian. "disiscrivi(mi)", "cancellami", "annulla iscrizione": unsubscribe (me); "non inviare più":
  // do not send any more. "basta" (enough; also "as long as") only alone. Not "fine" (end): an
  // English "Fine" is a yes.
  ...lead(
    'it',
    'disiscrivi',
    'disiscrivimi',
    'disiscrivere',
    'cancellami',
    'annulla iscrizione',
    'non inviare piu',
    'non mandare piu',
  ),
  ...alone('it', 'basta'),

  // Dutch. "stoppen": to stop; "afmelden", "uitschrijven": unsubscribe; "geen berichten meer": no
  // more messages.
  ...lead('nl', 'stoppen', 'afmelden', 'uitschrijven', 'geen berichten meer'),

  // Indonesian / Malay. "berhenti": to stop; "hentikan": stop it; "berhenti langganan": stop the
  // subscription; "jangan kirim lagi": don't send again. "batal" (cancel) and "henti" only alone.
  ...lead(
    'id',
    'berhenti',
    'hentikan',
    'berhenti langganan',
    'berhenti berlangganan',
    'jangan kirim lagi',
    'jangan hantar lagi',
  ),
  ...alone('id', 'batal', 'henti'),

  // Turkish. "durdur": stop it; "abonelikten çık": leave the subscription; "mesaj göndermeyin": don't
  // send messages. "dur" (stop; also "wait"), "iptal" (cancel) and "istemiyorum" (I don't want) only alone.
  ...lead('tr', 'durdur', 'abonelikten cik', 'abonelik iptal', 'mesaj gondermeyin', 'gondermeyin'),
  ...alone('tr', 'dur', 'iptal', 'istemiyorum'),

  // Hindi and Hinglish (Hindi typed in Latin letters). "बंद करो" / "band karo": stop it; "मत भेजो" /
  // "mat bhejo": don't send; "रोको" / "roko": stop. "बंद" / "band" (closed; also the English "band")
  // only alone.
  ...lead(
    'hi',
    'बंद करो',
    'बंद करें',
    'मत भेजो',
    'मत भेजें',
    'रोको',
    'band karo',
    'bandh karo',
    'band kro',
    'mat bhejo',
    'mat bhejna',
    'roko',
  ),
  ...alone('hi', 'बंद', 'band', 'bandh'),

  // Arabic. "توقف": stop; "إيقاف": stopping (the label of stop buttons); "إلغاء الاشتراك": cancel the
  // subscription; "لا ترسل": don't send. "إلغاء" (cancellation) and "قف" (halt) only alone.
  ...lead('ar', 'توقف', 'ايقاف', 'الغاء الاشتراك', 'لا ترسل'),
  ...alone('ar', 'الغاء', 'قف'),

  // Swahili. "sitisha": suspend / stop; "jiondoe" / "niondoe": remove me; "usitume tena": don't send
  // again. "acha" (stop; also "let") and "ondoa" (remove) only alone.
  ...lead('sw', 'sitisha', 'niondoe', 'jiondoe', 'usitume tena', 'acha kutuma'),
  ...alone('sw', 'acha', 'ondoa'),
];

/**
 * Words that may follow an "alone" keyword without making it an ordinary sentence: please, thanks,
 * "me", in the same languages ("Cancel please", "Baja por favor", "Iptal lütfen", "Acha tafadhali").
 */
export const POLITE: readonly string[] = [
  'please',
  'pls',
  'plz',
  'thanks',
  'thank you',
  'thx',
  'me',
  'now',
  'it',
  'por favor',
  'porfa',
  'gracias',
  'ya',
  'obrigado',
  'obrigada',
  'agora',
  'merci',
  's il vous plait',
  's il te plait',
  'svp',
  'stp',
  'bitte',
  'danke',
  'grazie',
  'per favore',
  'alsjeblieft',
  'aub',
  'a u b',
  'dank je',
  'bedankt',
  'terima kasih',
  'tolong',
  'makasih',
  'lutfen',
  'tesekkurler',
  'please yaar',
  'kripya',
  'कृपया',
  'धन्यवाद',
  'شكرا',
  'من فضلك',
  'لو سمحت',
  'tafadhali',
  'asante',
];

/**
 * Words that ask to be messaged again. Recognised so the record can say so, but never acted on
 * automatically: see detect.ts.
 */
export const RESUBSCRIBE_WORDS: readonly string[] = [
  'start',
  'unstop',
  'subscribe',
  'resume',
  'alta',
  'iniciar',
  'reanudar',
  'voltar',
  'reprendre',
  'anmelden',
  'mulai',
  'basla',
];
