import type { CampaignState } from '../api/models';

/** Human labels and rules about campaign states, shared by the UI and the CLI. */
export const CAMPAIGN_STATE_LABEL: Record<CampaignState, string> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  sending: 'Sending',
  paused: 'Paused',
  completed: 'Completed',
  cancelled: 'Cancelled',
};

/** A campaign that has sent anything is the record of what was sent: only drafts go away. */
export function canDeleteCampaign(state: CampaignState): boolean {
  return state === 'draft';
}

/** Recipients are added or cleared only while the campaign is a draft. */
export function canEditAudience(state: CampaignState): boolean {
  return state === 'draft';
}
