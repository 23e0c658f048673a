/**
 * Meta's documented limits for template creation. Verified against Meta's pages (2026):
 * developers.facebook.com/documentation/business-messaging/whatsapp/templates/components
 * (header text 60, body 1024, footer 60, button text 25, URL 2000, phone 20, copy code 15,
 * buttons 10 of which URL 2, phone 1, copy code 1), .../marketing-templates/limited-time-offer-templates
 * (MARKETING only, no footer, offer text 16, body 600) and .../media-card-carousel-templates
 * (MARKETING only, up to 10 cards, image or video card header, up to two buttons per card, all
 * cards with the same components; card body 160).
 * The 2-card minimum of a carousel is from Meta's interactive carousel page and is assumed to hold
 * for templates as well.
 */
export const LIMITS = {
  name: 512,
  headerText: 60,
  body: 1024,
  footer: 60,
  buttonText: 25,
  url: 2000,
  phone: 20,
  copyCode: 15,
  buttons: 10,
  urlButtons: 2,
  phoneButtons: 1,
  copyCodeButtons: 1,
  ltoText: 16,
  ltoBody: 600,
  cardBody: 160,
  cardButtons: 2,
  cardsMin: 2,
  cardsMax: 10,
} as const;
