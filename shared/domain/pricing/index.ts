/** Cost estimates from a dated, user-editable rate card (cloud-api.md §10). Estimates, not invoices. */
export * from './rate-card';
export * from './regions';
export * from './estimate';
export * from './mixed';
export * from './market-changes';
export * from './volume-tiers';
