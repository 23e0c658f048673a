export * from './defer';
export * from './settings';
export * from './offer-stop';
