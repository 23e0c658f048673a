import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

/**
 * Where a screenshot for the docs goes. By default test-results/docs-screenshots/ (ignored), so that
 * running the suite leaves the working tree clean; `npm run screenshots` (CAMPAIGN_DESK_SCREENSHOTS=1)
 * writes them over the committed ones in docs/screenshots/.
 */
export function docShot(name: string): string {
  const dir =
    process.env.CAMPAIGN_DESK_SCREENSHOTS === '1'
      ? join(root, 'docs', 'screenshots')
      : join(root, 'test-results', 'docs-screenshots');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
