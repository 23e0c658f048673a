import { EXIT, parseId, print, type Command } from '../framework';
import { SETTINGS_PARTS } from './settings-parts';

/**
 * `campaigns settings <campaignId> [flags]`: targeting and pacing (audience filter, frequency cap,
 * quiet hours, spread, A/B variants). With no flags it prints the current settings; with flags it
 * applies them, part by part, and then prints the result.
 */
export const campaignSettingsCommands: Command[] = [
  {
    path: ['campaigns', 'settings'],
    args: ['campaignId'],
    options: Object.assign({}, ...SETTINGS_PARTS.map((p) => p.options)) as Command['options'],
    usage: ['campaigns settings <campaignId>', ...SETTINGS_PARTS.map((p) => p.usage)].join(' '),
    summary:
      "Show or change a campaign's targeting and pacing: audience filter, frequency cap, quiet hours, spread, A/B variants",
    async run(ctx) {
      const campaignId = parseId(ctx.args.campaignId, 'campaignId');
      const core = ctx.core();
      const changes: string[] = [];
      for (const part of SETTINGS_PARTS) {
        const changed = await part.apply(ctx, core, campaignId);
        if (changed) changes.push(changed);
      }
      const described: Awaited<ReturnType<(typeof SETTINGS_PARTS)[number]['describe']>>[] = [];
      for (const part of SETTINGS_PARTS) described.push(await part.describe(ctx, core, campaignId));
      const value = {
        campaignId,
        changed: changes,
        settings: Object.fromEntries(described.map((d) => [d.key, d.value])),
      };
      print(
        ctx,
        value,
        () =>
          [...changes.map((c) => `Changed: ${c}`), ...described.map((d) => d.text)].join('\n') ||
          'No targeting or pacing settings yet.',
      );
      return EXIT.OK;
    },
  },
];
