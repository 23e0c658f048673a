import { audienceCommands } from './commands/audience';
import { campaignCommands } from './commands/campaigns';
import { sandboxCommands } from './commands/sandbox';
import { serveCommands } from './commands/serve';
import type { Command } from './framework';

/** Every CLI command; a feature adds its list here. */
export const COMMANDS: Command[] = [...serveCommands, ...campaignCommands, ...audienceCommands, ...sandboxCommands];
