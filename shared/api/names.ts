/**
 * Method and event names without their schemas, for the sandboxed preload, which must stay
 * tiny and free of dependencies. A unit test keeps this list equal to the contract's keys.
 */
export const METHOD_NAMES = [
  'app.info',
  'accounts.list',
  'campaigns.list',
  'campaigns.create',
  'campaigns.get',
  'campaigns.rename',
  'campaigns.delete',
] as const;

export const EVENT_NAMES = ['db.changed'] as const;

/** The single IPC channel pushes travel on; the payload names the event. */
export const PUSH_CHANNEL = 'campaign-desk:event';

/** The global name the preload exposes the bridge under. */
export const BRIDGE_KEY = 'campaignDesk';
