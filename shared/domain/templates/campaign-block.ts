import { buttonsOf, cardButtonsOf, cardHeaderOf, cardsOf, headerOf } from './components';
import type { Template, TemplateButton } from './types';

/**
 * Why a template, although WhatsApp accepts it, cannot be sent from a campaign; undefined when it
 * can. These templates are listed (so nobody wonders where they went) but every recipient is
 * refused with this reason. Button types verified against Meta's pages: authentication templates'
 * `OTP` buttons with `otp_type` COPY_CODE / ONE_TAP / ZERO_TAP ("One-time password buttons"),
 * `CATALOG` and `MPM` buttons ("Catalog templates", "Multi-product message templates"), `SPM` buttons
 * and `PRODUCT` card headers ("Product card carousel templates").
 */
export function campaignBlock(t: Template): string | undefined {
  const cards = cardsOf(t);
  const buttons = [...buttonsOf(t), ...cards.flatMap(cardButtonsOf)];
  const has = (type: string): TemplateButton | undefined => buttons.find((b) => b.type === type);
  if (has('OTP') || t.category === 'AUTHENTICATION')
    return 'This is a one-time password (authentication) template: its code is made for one person at the moment they sign in, so it cannot be sent from a campaign.';
  if (has('CATALOG'))
    return 'This template shows your WhatsApp catalog (a "View catalog" button): sending it needs a product chosen from a catalog linked to the account, which campaigns cannot do yet, so it cannot be sent from a campaign.';
  if (has('MPM'))
    return 'This is a multi-product template: sending it needs product sections from a catalog linked to the account, which campaigns cannot do yet, so it cannot be sent from a campaign.';
  const productCards =
    cards.some((c) => cardHeaderOf(c)?.format === 'PRODUCT') || headerOf(t)?.format === 'PRODUCT';
  if (has('SPM') || productCards)
    return 'This template shows products from your WhatsApp catalog: sending it needs a product id from a catalog linked to the account, which campaigns cannot do yet, so it cannot be sent from a campaign.';
  return undefined;
}
