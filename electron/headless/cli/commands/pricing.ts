import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { EffectiveRateCard } from '../../../../shared/api';
import { noun } from '../../../../shared/format';
import { human } from '../format';
import { call, EXIT, print, str, UsageError, type Command } from '../framework';

const cardList = (card: EffectiveRateCard): string =>
  [
    'IN FORCE FROM  CURRENCY  MARKETS  SOURCE',
    ...card.cards.map(
      (c) =>
        `${c.effectiveDate.padEnd(15)}${c.currency.padEnd(10)}${String(c.markets).padStart(7)}  ${c.imported ? c.source : `bundled: ${c.source}`}`,
    ),
  ].join('\n');

const showCard = (card: EffectiveRateCard): string =>
  [
    `Prices for messages sent on ${card.inForceOn}: the card of ${card.effectiveDate} (${card.currency})${card.edited ? `, with your own prices for ${card.editedMarkets.join(', ')}` : ''}.`,
    '',
    'MARKET                              MARKETING   UTILITY  AUTHENTICATION',
    ...card.markets.map(
      (m) =>
        `${m.name.padEnd(34)}${human().unitPrice(m.prices.MARKETING, card.currency).padStart(11)}${human().unitPrice(m.prices.UTILITY, card.currency).padStart(10)}${human().unitPrice(m.prices.AUTHENTICATION, card.currency).padStart(16)}`,
    ),
    '',
    cardList(card),
  ].join('\n');

export const pricingCommands: Command[] = [
  {
    path: ['pricing', 'show'],
    usage: 'pricing show [--json]',
    summary: 'The rate card in force today (with your own prices) and every card the app knows',
    async run(ctx) {
      const card = await call(ctx.core(), 'pricing.rateCard', {});
      print(ctx, card, () => showCard(card));
      return EXIT.OK;
    },
  },
  {
    path: ['pricing', 'import'],
    args: ['file'],
    options: { effective: { type: 'string' }, currency: { type: 'string' } },
    usage: 'pricing import <rate-card.csv> [--effective YYYY-MM-DD] [--currency CODE]',
    summary:
      "Import Meta's rate card CSV (from its pricing page); campaigns sent from that date are priced by it",
    async run(ctx) {
      const path = resolve(ctx.args.file!);
      if (!existsSync(path)) throw new UsageError(`There is no file at ${path}.`);
      const effectiveDate = str(ctx, 'effective');
      const currency = str(ctx, 'currency');
      const card = await call(ctx.core(), 'pricing.importCard', {
        file: { kind: 'path', path },
        ...(effectiveDate ? { effectiveDate } : {}),
        ...(currency ? { currency } : {}),
      });
      print(ctx, card, () =>
        [
          `Imported the rate card of ${card.effectiveDate} (${card.currency}, ${card.markets.length} markets): campaigns sent from that day are priced by it.`,
          '',
          cardList(card),
        ].join('\n'),
      );
      return EXIT.OK;
    },
  },
  {
    path: ['pricing', 'import-tiers'],
    args: ['file'],
    options: { effective: { type: 'string' }, currency: { type: 'string' } },
    usage: 'pricing import-tiers <volume-tiers.csv> --effective YYYY-MM-DD --currency CODE',
    summary:
      "Import Meta's volume tiers CSV: lower utility and authentication rates by the month's volume, from that date",
    async run(ctx) {
      const path = resolve(ctx.args.file!);
      if (!existsSync(path)) throw new UsageError(`There is no file at ${path}.`);
      const effectiveDate = str(ctx, 'effective');
      const currency = str(ctx, 'currency');
      const card = await call(ctx.core(), 'pricing.importTiers', {
        file: { kind: 'path', path },
        ...(effectiveDate ? { effectiveDate } : {}),
        ...(currency ? { currency } : {}),
      });
      print(
        ctx,
        card,
        () =>
          `Imported volume tiers for ${human().countOf(Object.keys(card.tiers ?? {}).length, noun('market'))}: campaigns sent from ${card.tiersFrom?.effectiveDate ?? '?'} are priced on them.`,
      );
      return EXIT.OK;
    },
  },
  {
    path: ['pricing', 'remove'],
    args: ['date'],
    options: { currency: { type: 'string' } },
    usage: 'pricing remove <YYYY-MM-DD> [--currency CODE]',
    summary: 'Remove an imported rate card (the bundled card stays)',
    async run(ctx) {
      const currency = str(ctx, 'currency');
      const card = await call(ctx.core(), 'pricing.removeCard', {
        effectiveDate: ctx.args.date!,
        ...(currency ? { currency } : {}),
      });
      print(ctx, card, () => `Removed. ${cardList(card)}`);
      return EXIT.OK;
    },
  },
];
