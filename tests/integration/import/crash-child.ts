// Imports one file into a new campaign of the data folder, to be killed half way by the test.
import { createCore } from '../../../electron/core/service';

const [dataDir, file] = process.argv.slice(2);
if (!dataDir || !file) throw new Error('usage: crash-child.ts DATA_DIR FILE');
const core = createCore({ dataDir, shell: 'headless', externalChangePollMs: 0 });
const { id } = await core.handlers['campaigns.create']({ name: 'Killed mid-import' });
process.stdout.write(`campaign ${id}\n`);
await core.handlers['audience.import']({
  campaignId: id,
  file: { kind: 'path', path: file },
  fileName: 'big.csv',
  options: { phoneColumn: 'phone' },
});
process.stdout.write('imported\n');
await core.close();
