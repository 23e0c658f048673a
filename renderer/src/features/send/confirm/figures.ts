import type {
  Account,
  Campaign,
  CostEstimate,
  PacingView,
  ValidationSummary,
} from '../../../../../shared/api';
import type { LeftOutGroup } from '../../../../../shared/domain/reach';
import { fmt, noun } from '../../../lib/format';

/**
 * The figures Review & send and the confirmation both show, from the one reach computation
 * (campaigns.validate), the cost estimate and the pacing view: never counted twice two ways.
 */
export interface SendFigures {
  template: string;
  from: string;
  willReceive: number;
  leftOut: LeftOutGroup[];
  /** USD, or null while not known. */
  cost: number | null;
  /** Seconds at the paced rate (spread or the account's rate), or null while not known. */
  durationSeconds: number | null;
  rateText: string;
}

export function sendFigures(
  campaign: Campaign,
  account: Account | undefined,
  reach: ValidationSummary | null,
  estimate: CostEstimate | null,
  pacing: PacingView | undefined,
): SendFigures {
  const willReceive = reach?.willReceive ?? 0;
  const spreadRate = pacing?.spread.durationMinutes ? pacing.spread.ratePerSecond : null;
  const rate = spreadRate ?? account?.ratePerSecond ?? null;
  return {
    template: campaign.templateName ?? 'No template chosen',
    from: account
      ? `${account.name}${account.displayPhoneNumber ? ` (${fmt().phone(account.displayPhoneNumber)})` : ''}`
      : 'Unknown account',
    willReceive,
    leftOut: reach?.leftOut ?? [],
    cost: estimate && !estimate.unavailable ? estimate.total : null,
    durationSeconds: rate && rate > 0 ? Math.ceil(willReceive / rate) : null,
    rateText: spreadRate
      ? `spread over ${pacing?.spread.durationMinutes ?? 0} min`
      : rate === null
        ? 'at the account’s rate'
        : `at up to ${fmt().countOf(rate, noun('message'))} per second`,
  };
}

export function durationText(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  return `about ${fmt().duration(seconds)}`;
}

export function moneyText(usd: number | null): string {
  if (usd === null) return 'not known yet';
  return fmt().money(usd);
}
