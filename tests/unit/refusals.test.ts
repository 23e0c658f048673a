import { describe, expect, it } from 'vitest';
import { clearRefusals, reportRefusal, useRefusals } from '../../renderer/src/lib/refusals';

describe('refusal notices', () => {
  it('are cleared when the user moves to another page, and only then', () => {
    useRefusals.setState({ refusals: [] });
    reportRefusal('campaigns.rename', { code: 'CONFLICT', message: 'Taken.' });
    reportRefusal('accounts.add', { code: 'VALIDATION', message: 'No token.' });
    expect(useRefusals.getState().refusals.map((r) => r.title)).toEqual([
      'Could not rename the campaign',
      'Could not add the account',
    ]);
    clearRefusals();
    expect(useRefusals.getState().refusals).toEqual([]);
    // Nothing to clear: the state is left as it is (no re-render of the notices).
    const before = useRefusals.getState();
    clearRefusals();
    expect(useRefusals.getState()).toBe(before);
  });
});
