import type { Core } from '../../../../core/service';
import type { Ctx, OptionSpec } from '../../framework';

/**
 * One feature's flags on `campaigns settings <campaignId>`: each feature (audience filter, pacing,
 * A/B variants) adds a part in its own file, so the command stays one place for the user and the
 * features stay out of each other's code. Option names are global in this CLI: prefix them by
 * feature where a name could mean something else elsewhere.
 */
export interface SettingsPart {
  /** Shown in --help after the command's synopsis. */
  usage: string;
  options: Record<string, OptionSpec>;
  /**
   * Applies the part's flags, if any of them were given, through contract methods; returns a line
   * saying what changed, or null when none of its flags were given. Throws UsageError for bad flags.
   */
  apply: (ctx: Ctx, core: Core, campaignId: number) => Promise<string | null>;
  /** Describes the part's current settings for `campaigns settings <id>` (human output). */
  describe: (
    ctx: Ctx,
    core: Core,
    campaignId: number,
  ) => Promise<{ key: string; value: unknown; text: string }>;
}
