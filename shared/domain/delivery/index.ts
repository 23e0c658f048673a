export * from './defer';
export * from './settings';
