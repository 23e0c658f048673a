export * from './rule';
export * from './next-run';
