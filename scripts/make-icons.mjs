// Draws the app icon and tray icons as PNGs with nothing but Node's zlib, from the same shapes as
// build/icon.svg (a rounded square, a speech bubble, three message lines). Run it after changing the
// shapes: `node scripts/make-icons.mjs`. The PNGs are committed so packaging needs no image tools;
// electron-builder turns build/icon.png into the .icns and .ico it needs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = (...p) => join(root, 'build', ...p);

// Geometry on a 1024 grid, kept equal to build/icon.svg.
const TILE = { x0: 64, y0: 64, x1: 960, y1: 960, r: 208 };
const BUBBLE = { x0: 224, y0: 240, x1: 800, y1: 704, r: 150 };
const TAIL = [
  [300, 650],
  [300, 830],
  [470, 690],
];
const LINES = [
  { x0: 330, x1: 694, y: 380 },
  { x0: 330, x1: 640, y: 472 },
  { x0: 330, x1: 552, y: 564 },
];
const LINE_HALF = 24;
const TOP = [20, 168, 130];
const BOTTOM = [8, 104, 84];

const inRoundRect = (x, y, b) => {
  const cx = Math.max(b.x0 + b.r, Math.min(x, b.x1 - b.r));
  const cy = Math.max(b.y0 + b.r, Math.min(y, b.y1 - b.r));
  return (
    x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1 && (x - cx) ** 2 + (y - cy) ** 2 <= b.r ** 2
  );
};
const inTriangle = (x, y, [a, b, c]) => {
  const side = (p, q) => (q[0] - p[0]) * (y - p[1]) - (q[1] - p[1]) * (x - p[0]);
  const d1 = side(a, b);
  const d2 = side(b, c);
  const d3 = side(c, a);
  return (d1 >= 0 && d2 >= 0 && d3 >= 0) || (d1 <= 0 && d2 <= 0 && d3 <= 0);
};
const inBubble = (x, y) => inRoundRect(x, y, BUBBLE) || inTriangle(x, y, TAIL);
const inLine = (x, y) =>
  LINES.some((l) =>
    inRoundRect(x, y, {
      x0: l.x0,
      x1: l.x1,
      y0: l.y - LINE_HALF,
      y1: l.y + LINE_HALF,
      r: LINE_HALF,
    }),
  );

/**
 * Renders `size`×`size` RGBA with `samples`² supersampling. `paint(x, y)` returns the colour of
 * the topmost shape at a point on the 1024 grid, or null for transparent.
 */
function render(size, paint, samples = 4) {
  const px = Buffer.alloc(size * size * 4);
  const scale = 1024 / size;
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = paint((i + (sx + 0.5) / samples) * scale, (j + (sy + 0.5) / samples) * scale);
          if (!c) continue;
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
      const o = (j * size + i) * 4;
      // Straight (not premultiplied) alpha, as PNG wants.
      if (a)
        [px[o], px[o + 1], px[o + 2]] = [Math.round(r / a), Math.round(g / a), Math.round(b / a)];
      px[o + 3] = Math.round((255 * a) / samples ** 2);
    }
  }
  return png(size, size, px);
}

function png(width, height, rgba) {
  const chunk = (type, data) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++)
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const tileColour = (y) => {
  const t = Math.min(1, Math.max(0, (y - TILE.y0) / (TILE.y1 - TILE.y0)));
  return TOP.map((c, k) => c + (BOTTOM[k] - c) * t);
};
const appIcon = (x, y) => {
  if (!inRoundRect(x, y, TILE)) return null;
  if (inBubble(x, y)) return inLine(x, y) ? tileColour(y) : [255, 255, 255];
  return tileColour(y);
};
// Small sizes drop the lines, which would blur into grey at 16 px.
const simpleIcon = (x, y) =>
  inRoundRect(x, y, TILE) ? (inBubble(x, y) ? [255, 255, 255] : tileColour(y)) : null;
// macOS menu bar template: black with alpha, lines cut out; the system tints it.
const template = (x, y) => (inBubble(x, y) && !inLine(x, y) ? [0, 0, 0] : null);

const write = (file, data) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, data);
  console.log(`wrote ${file.slice(root.length + 1)}`);
};

write(out('icon.png'), render(1024, appIcon, 3));
for (const size of [16, 32, 48, 64, 128, 256, 512])
  write(out('icons', `${size}x${size}.png`), render(size, size < 48 ? simpleIcon : appIcon));
write(out('tray', 'tray.png'), render(16, simpleIcon));
write(out('tray', 'tray@2x.png'), render(32, simpleIcon));
write(out('tray', 'trayTemplate.png'), render(16, template));
write(out('tray', 'trayTemplate@2x.png'), render(32, template));
