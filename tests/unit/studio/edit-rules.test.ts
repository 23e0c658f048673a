import { describe, expect, it } from 'vitest';
import { canEdit, editRefusal } from '../../../shared/domain/studio';

describe("Meta's edit rules for a submitted template", () => {
  it('lets approved, rejected, paused templates and local drafts be edited, nothing else', () => {
    expect(['DRAFT', 'APPROVED', 'REJECTED', 'PAUSED'].map(canEdit)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['PENDING', 'DISABLED', 'PENDING_DELETION'].map(canEdit)).toEqual([false, false, false]);
  });

  it("refuses an approved template's category change but not a rejected one's", () => {
    const approved = { status: 'APPROVED', category: 'UTILITY' };
    expect(editRefusal(approved, { category: 'UTILITY' })).toBeNull();
    expect(editRefusal(approved, { category: 'marketing' })).toContain('change category');
    expect(
      editRefusal({ status: 'REJECTED', category: 'UTILITY' }, { category: 'MARKETING' }),
    ).toBeNull();
  });

  it('says why a template in review or disabled cannot be edited', () => {
    expect(
      editRefusal({ status: 'PENDING', category: 'UTILITY' }, { category: 'UTILITY' }),
    ).toContain('in review');
    expect(
      editRefusal({ status: 'DISABLED', category: 'UTILITY' }, { category: 'UTILITY' }),
    ).toContain('Delete it');
  });
});
