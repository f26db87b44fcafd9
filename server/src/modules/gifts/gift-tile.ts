import sharp from 'sharp';

/**
 * A plain picture for a gift that has no photo yet (the demo catalog): a
 * soft coloured tile with a line drawing. Shapes only, no lettering — a
 * fresh machine may have no CJK font, and the name is shown beside the
 * picture anyway.
 */
export const GIFT_TILE_ICONS = ['goggles', 'cup', 'book', 'charger', 'pillow', 'penlight'] as const;
export type GiftTileIcon = (typeof GIFT_TILE_ICONS)[number];

const SIZE = 600;

// Drawn on a 600×600 canvas, centred; stroke colour and fill come from the tile.
const ICONS: Record<GiftTileIcon, (ink: string, paper: string) => string> = {
  goggles: (ink, paper) => `
    <path d="M110 300 Q70 300 60 270" stroke="${ink}" stroke-width="18" fill="none" stroke-linecap="round"/>
    <path d="M490 300 Q530 300 540 270" stroke="${ink}" stroke-width="18" fill="none" stroke-linecap="round"/>
    <rect x="110" y="225" width="170" height="140" rx="60" fill="${paper}" stroke="${ink}" stroke-width="18"/>
    <rect x="320" y="225" width="170" height="140" rx="60" fill="${paper}" stroke="${ink}" stroke-width="18"/>
    <path d="M280 280 Q300 255 320 280" stroke="${ink}" stroke-width="18" fill="none"/>
    <path d="M150 265 L190 250" stroke="${ink}" stroke-width="10" stroke-linecap="round" opacity="0.5"/>
    <path d="M360 265 L400 250" stroke="${ink}" stroke-width="10" stroke-linecap="round" opacity="0.5"/>`,
  cup: (ink, paper) => `
    <rect x="215" y="130" width="170" height="60" rx="18" fill="${ink}"/>
    <rect x="225" y="190" width="150" height="290" rx="36" fill="${paper}" stroke="${ink}" stroke-width="18"/>
    <path d="M225 260 H375" stroke="${ink}" stroke-width="12"/>
    <rect x="262" y="300" width="76" height="110" rx="18" fill="${ink}" opacity="0.25"/>`,
  book: (ink, paper) => `
    <path d="M300 190 Q220 150 120 165 V430 Q220 415 300 455 Z" fill="${paper}" stroke="${ink}" stroke-width="18" stroke-linejoin="round"/>
    <path d="M300 190 Q380 150 480 165 V430 Q380 415 300 455 Z" fill="${paper}" stroke="${ink}" stroke-width="18" stroke-linejoin="round"/>
    <path d="M160 230 Q215 222 265 240 M160 290 Q215 282 265 300 M160 350 Q215 342 265 360" stroke="${ink}" stroke-width="10" fill="none" stroke-linecap="round" opacity="0.5"/>
    <circle cx="390" cy="280" r="48" fill="none" stroke="${ink}" stroke-width="12"/>
    <circle cx="390" cy="280" r="14" fill="${ink}"/>`,
  charger: (ink, paper) => `
    <ellipse cx="300" cy="400" rx="200" ry="55" fill="${ink}" opacity="0.25"/>
    <circle cx="300" cy="300" r="165" fill="${paper}" stroke="${ink}" stroke-width="18"/>
    <circle cx="300" cy="300" r="115" fill="none" stroke="${ink}" stroke-width="8" opacity="0.4"/>
    <path d="M318 200 L245 315 H295 L280 400 L355 282 H305 Z" fill="${ink}" stroke-linejoin="round"/>`,
  pillow: (ink, paper) => `
    <path d="M175 200 C120 300 170 450 300 450 C430 450 480 300 425 200" stroke="${ink}" stroke-width="120" fill="none" stroke-linecap="round"/>
    <path d="M175 200 C120 300 170 450 300 450 C430 450 480 300 425 200" stroke="${paper}" stroke-width="84" fill="none" stroke-linecap="round"/>
    <path d="M205 330 Q300 390 395 330" stroke="${ink}" stroke-width="8" fill="none" stroke-dasharray="16 14" opacity="0.5"/>`,
  penlight: (ink, paper) => `
    <g transform="rotate(-35 300 300)">
      <rect x="150" y="265" width="300" height="70" rx="35" fill="${paper}" stroke="${ink}" stroke-width="18"/>
      <rect x="400" y="270" width="60" height="60" rx="14" fill="${ink}"/>
      <path d="M200 265 V225 H330" stroke="${ink}" stroke-width="14" fill="none" stroke-linecap="round"/>
      <path d="M490 300 H550 M480 255 L530 225 M480 345 L530 375" stroke="${ink}" stroke-width="14" stroke-linecap="round" opacity="0.6"/>
    </g>`,
};

/** A PNG tile for a gift: `tint` is the tile's colour, `ink` the drawing's (#rrggbb). */
export async function renderGiftTile(icon: GiftTileIcon, tint: string, ink: string): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
    <rect width="${SIZE}" height="${SIZE}" rx="64" fill="${tint}"/>
    <circle cx="300" cy="300" r="235" fill="#ffffff" opacity="0.35"/>
    ${ICONS[icon](ink, '#ffffff')}
  </svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}
