import type {
  UrlButtonInfo,
  VariantsSetting,
  VariantsView,
  VariantView,
} from '../../../shared/api';
import {
  buttonsOf,
  templateSlots,
  utmBlocked,
  type Template,
} from '../../../shared/domain/templates';
import type { Store } from '../db/connection';
import { canEditMessage, toSetup, type CampaignMessageState } from '../templates/campaign-message';
import { drawnCounts, variantCounts } from './variants-compare';
import { loadVariantMessageState } from './variants-messages';
import { defaultVariants, readVariants } from './variants-settings';
import { hasStagedImport, published } from '../db/visibility';

/** The dynamic URL buttons of a template, where UTM tags can go. */
export function urlButtons(t: Template | undefined): UrlButtonInfo[] {
  if (!t) return [];
  const buttons = buttonsOf(t);
  return templateSlots(t)
    .filter((s) => s.kind === 'url_suffix')
    .flatMap((s) => {
      const b = buttons[s.buttonIndex ?? -1];
      return b
        ? [
            {
              slot: s.key,
              index: s.buttonIndex ?? 0,
              text: b.text,
              url: b.url ?? '',
              utmBlocked: utmBlocked(b),
            },
          ]
        : [];
    });
}

export const ASSIGNMENT_NOTE =
  'Each recipient gets a variant at random by the proportions: a draw seeded per campaign, made per recipient, ' +
  'so the preview, the checks and the cost estimate of a draft already use the variant each recipient gets when ' +
  'the campaign starts. At start the draw is written to every recipient still waiting; a new seed re-draws.';

function variantView(
  state: CampaignMessageState,
  v: VariantsSetting['variants'][number],
  recipients: number,
): VariantView {
  const setup = toSetup(state);
  const problems = [
    ...(state.templateName === null ? ['Choose a template for this variant.'] : []),
    ...(state.templateWarning ? [state.templateWarning] : []),
    ...setup.mappingProblems,
  ];
  return {
    id: v.id,
    label: v.label,
    share: v.share,
    templateId: state.info?.id ?? null,
    templateName: state.templateName,
    templateLanguage: state.templateLanguage,
    status: state.info?.status ?? null,
    category: state.info?.category ?? null,
    problems,
    utm: state.utm,
    urlButtons: urlButtons(state.info?.template),
    recipients,
  };
}

export function variantsView(store: Store, campaignId: number): VariantsView {
  const read = readVariants(store, campaignId);
  const setting = read.setting ?? defaultVariants(() => 0);
  const states = setting.variants.map((v) =>
    loadVariantMessageState(store, campaignId, v.id, read.setting),
  );
  const a = states[0]!;
  const assigned = new Map(
    variantCounts(store.sqlite, campaignId).map((c) => [c.variant, c.recipients]),
  );
  const isAssigned = a.state !== 'draft' && assigned.size > 0;
  const drawn =
    isAssigned || setting.variants.length < 2 ? {} : drawnCounts(store.sqlite, campaignId, setting);
  const pendingAll = setting.variants.length < 2 ? countPending(store, campaignId) : 0;
  return {
    campaignId,
    editable: a.state === 'draft' && read.damaged === null,
    messageEditable: canEditMessage(a.state) && read.damaged === null,
    split: setting.variants.length > 1,
    seed: setting.seed,
    variants: setting.variants.map((v, i) =>
      variantView(
        states[i]!,
        v,
        isAssigned
          ? (assigned.get(v.id) ?? 0)
          : setting.variants.length < 2
            ? pendingAll
            : (drawn[v.id] ?? 0),
      ),
    ),
    assigned: isAssigned,
    note: read.damaged ?? ASSIGNMENT_NOTE,
  };
}

function countPending(store: Store, campaignId: number): number {
  return (
    store.first(
      store.q
        .selectFrom('recipients')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaign_id', '=', campaignId)
        .where('state', '=', 'pending')
        .$if(hasStagedImport(store.sqlite, campaignId), (q) => q.where(published())),
    )?.n ?? 0
  );
}
