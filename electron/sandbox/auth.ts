import type { IncomingMessage } from 'node:http';
import { fail } from './errors';
import { bearerToken } from './http';
import type { SandboxState } from './state';

/** Graph checks the token before anything else, so every Graph route starts here. */
export function checkToken(state: SandboxState, req: IncomingMessage): void {
  const presented = bearerToken(req);
  if (presented === undefined)
    fail(190, 'An access token is required: send Authorization: Bearer <token>.');
  if (state.token === null || presented !== state.token) {
    fail(
      190,
      'Error validating access token: the session has expired or the token has been invalidated.',
    );
  }
}

const unknownObject = (id: string, method: string): never =>
  fail(
    100,
    `Unsupported ${method} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  );

export function checkPhoneNumberId(state: SandboxState, id: string, method: string): void {
  if (id !== state.account.phoneNumberId) unknownObject(id, method);
}

export function checkWabaId(state: SandboxState, id: string, method: string): void {
  if (id !== state.account.wabaId) unknownObject(id, method);
}
