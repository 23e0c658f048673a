// Development and tests only: lets a worker thread run a TypeScript entry through tsx.
// The built app points workers at bundled JavaScript and never loads this file.
import { register } from 'tsx/esm/api';

register();
const entry = process.argv[2];
if (!entry) throw new Error('tsx-boot: no worker entry given');
await import(entry);
