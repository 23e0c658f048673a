import { describe, expect, it } from 'vitest';
import { findingsText } from '../../../electron/headless/cli/commands/studio/check-command';
import { checkTemplateText } from '../../../shared/domain/studio';

describe('templates check, in words', () => {
  it('counts findings with proper plurals', () => {
    const empty = checkTemplateText(
      JSON.stringify({ name: '', language: 'en_US', category: 'UTILITY', components: [] }),
    );
    const text = findingsText(empty);
    expect(empty.errors).toBeGreaterThan(1);
    expect(text).toContain(`${empty.errors} errors, ${empty.warnings} warning`);
    expect(text).not.toMatch(/\(s\)/);
  });
});
