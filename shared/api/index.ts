export * from './analytics';
export * from './audience';
export * from './customers';
export * from './segments';
export * from './schedules';
export * from './errors';
export * from './events';
export * from './methods';
export * from './models';
export * from './names';
export * from './reports';
export * from './sending';
export * from './status';
export * from './suppression';
export * from './replies';
export * from './templates';
export * from './api-surface';
export * from './variants';
export type {
  ConnectionCheck,
  ConnectionCheckItem,
  SetTokenResult,
  TokenStatus,
} from './methods/accounts-token';
export * from './pacing';
export * from './audience-filter';
export type { BusinessCountry } from './methods/settings';
export * from './studio';
