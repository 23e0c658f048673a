import { deflateSync } from 'node:zlib';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';
import { docShot } from './shots';
import { draftCampaign } from './setup';

/** Maps and sends a media card carousel and a limited-time offer campaign on the sandbox. */

const shot = docShot;

// A small solid-colour PNG, so card images show offline (the preview loads https links).
function png(r: number, g: number, b: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, sum]);
  };
  const w = 160;
  const h = 100;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array(w).fill([r, g, b]).flat())]);
  const raw = Buffer.concat(Array<Buffer>(h).fill(row));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const COLOURS: Record<string, [number, number, number]> = {
  '1': [120, 170, 210],
  '2': [140, 190, 120],
  '3': [200, 160, 90],
  flash: [230, 120, 90],
};

async function serveImages(page: Page): Promise<void> {
  await page.route('https://img.example.com/**', (route) => {
    const name = route.request().url().split('/').pop()?.replace('.png', '') ?? '1';
    const [r, g, b] = COLOURS[name] ?? [180, 180, 180];
    return route.fulfill({ status: 200, contentType: 'image/png', body: png(r, g, b) });
  });
}

async function sendAll(page: Page, count: number): Promise<void> {
  await page.getByRole('tab', { name: 'Review & send' }).click();
  await expect(page.getByTestId('prechecks')).toContainText(
    `${count} recipients will receive this message.`,
  );
  await page.getByRole('button', { name: `Send to ${count} recipients` }).click();
  await page.getByTestId('confirm-send-button').click();
  await expect(page.getByTestId('send-progress')).toHaveAttribute('data-state', 'completed', {
    timeout: 30_000,
  });
}

const CSV = ['phone,name,photo', '+447400123456,Maria,', '+447400123457,Ana,'].join('\n');

test('map and send a media card carousel', async ({ page, app }) => {
  const mapping: Record<string, unknown> = { 'body.1': { kind: 'column', column: 'name' } };
  for (const n of [1, 2, 3]) {
    if (n > 1)
      mapping[`card.${n}.header`] = { kind: 'static', value: `https://img.example.com/${n}.png` };
    mapping[`card.${n}.body.1`] = { kind: 'static', value: `${10 * n}%` };
    mapping[`card.${n}.button.1`] = { kind: 'static', value: `plant-${n}` };
  }
  await draftCampaign(app, {
    name: 'Spring carousel',
    csv: CSV,
    template: 'spring_carousel',
    mapping,
  });
  await serveImages(page);
  await openApp(page, app);
  await page.getByRole('button', { name: 'Spring carousel', exact: true }).click();
  await page.getByRole('tab', { name: 'Message' }).click();

  // Card 1's image is the one placeholder left: the form names it as the customer sees it.
  const slot = page.getByTestId('slot-card.1.header');
  await expect(slot).toContainText('Card 1 image');
  await slot.getByText('Same text for all').click();
  await page.getByLabel('Text for Card 1 image').fill('https://img.example.com/1.png');
  await page.getByLabel('Text for Card 1 image').press('Enter');

  const cards = page.getByTestId('message-bubble').getByTestId('carousel-card');
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(1)).toContainText('Aloe: 20% off this week.');
  await expect(cards.nth(0).locator('img')).toHaveAttribute('src', 'https://img.example.com/1.png');
  await expect(page.getByTestId('preview-problems')).toHaveCount(0);
  await page
    .getByTestId('message-bubble')
    .screenshot({ path: shot('template-carousel-preview.png') });
  await page.screenshot({ path: shot('template-carousel-message.png'), fullPage: true });

  await sendAll(page, 2);
  const states = app.query<{ state: string }>('SELECT state FROM recipients');
  expect(states.every((s) => ['sent', 'delivered', 'read'].includes(s.state))).toBe(true);
});

test('map and send a limited-time offer', async ({ page, app }) => {
  // Two days and an hour from now, with its zone, as the expiry column must be written.
  const ends = new Date(Date.now() + 49 * 3_600_000).toISOString();
  const csv = ['phone,name,ends', `+447400123456,Maria,${ends}`, `+447400123457,Ana,${ends}`].join(
    '\n',
  );
  await draftCampaign(app, {
    name: 'Flash sale',
    csv,
    template: 'flash_sale_offer',
    mapping: {
      'header.media': {
        kind: 'media',
        media: { type: 'link', url: 'https://img.example.com/flash.png' },
      },
      'body.1': { kind: 'column', column: 'name' },
      'button.0': { kind: 'static', value: 'FLASH25' },
      'button.1': { kind: 'static', value: 'FLASH25' },
    },
  });
  await serveImages(page);
  await openApp(page, app);
  await page.getByRole('button', { name: 'Flash sale', exact: true }).click();
  await page.getByRole('tab', { name: 'Message' }).click();

  const bubble = page.getByTestId('message-bubble');
  await expect(bubble.getByTestId('bubble-offer')).toContainText('Offer expiry not set');
  await expect(page.getByTestId('slot-offer.expiry')).toContainText('Offer expiry');
  await page.getByRole('combobox', { name: 'Column for Offer expiry' }).click();
  await page.getByRole('option', { name: 'ends' }).click();

  await expect(bubble.getByTestId('offer-countdown')).toContainText('Offer ends in 2 days');
  await expect(bubble.getByTestId('offer-code')).toContainText('FLASH25');
  await expect(page.getByTestId('preview-problems')).toHaveCount(0);
  await bubble.screenshot({ path: shot('template-lto-preview.png') });
  await page.screenshot({ path: shot('template-lto-message.png'), fullPage: true });

  await sendAll(page, 2);
  const states = app.query<{ state: string }>('SELECT state FROM recipients');
  expect(states.every((s) => ['sent', 'delivered', 'read'].includes(s.state))).toBe(true);
});
