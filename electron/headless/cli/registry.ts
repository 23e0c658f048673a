import { analyticsCommands } from './commands/analytics';
import { audienceCommands } from './commands/audience';
import { campaignCommands } from './commands/campaigns';
import { campaignSettingsCommands } from './commands/campaign-settings';
import { contactCommands } from './commands/contacts';
import { contactEditCommands } from './commands/contacts-edit';
import { segmentCommands } from './commands/segments';
import { scheduleCommands } from './commands/schedules';
import { relayCommands } from './commands/relay';
import { reportCommands } from './commands/reports';
import { sandboxCommands } from './commands/sandbox';
import { sendingCommands } from './commands/sending';
import { serveCommands } from './commands/serve';
import { statusCommands } from './commands/status';
import { pricingCommands } from './commands/pricing';
import { suppressionCommands } from './commands/suppression';
import { replyCommands } from './commands/replies';
import { accountCommands } from './commands/accounts';
import { templateCommands } from './commands/templates';
import { studioCommands } from './commands/studio';
import type { Command } from './framework';

/** Every CLI command; a feature adds its list here. */
export const COMMANDS: Command[] = [
  ...serveCommands,
  ...campaignCommands,
  ...campaignSettingsCommands,
  ...audienceCommands,
  ...templateCommands,
  ...studioCommands,
  ...sendingCommands,
  ...statusCommands,
  ...reportCommands,
  ...sandboxCommands,
  ...relayCommands,
  ...suppressionCommands,
  ...pricingCommands,
  ...replyCommands,
  ...accountCommands,
  ...analyticsCommands,
  ...contactCommands,
  ...contactEditCommands,
  ...segmentCommands,
  ...scheduleCommands,
];
