export * from './audience';
export * from './errors';
export * from './events';
export * from './methods';
export * from './models';
export * from './names';
export * from './api-surface';
