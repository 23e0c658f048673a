export * from './clock-time';
export * from './countries';
export * from './quiet-hours';
export * from './settings';
export * from './spread';
export * from './zone-time';
