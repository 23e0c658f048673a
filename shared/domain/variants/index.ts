/** A/B(/C) variants of a campaign: the split's rules and its seeded, per-recipient draw. */
export * from './draw';
export * from './split';
