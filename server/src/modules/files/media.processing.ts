import sharp from 'sharp';

/** A decoded image may not exceed this many pixels: a tiny file must not unpack into gigabytes. */
const MAX_INPUT_PIXELS = 40_000_000;
const MAX_EDGE = 2560;

/**
 * Re-encodes an image as JPEG: applies the EXIF orientation, then drops all
 * metadata (EXIF, GPS, camera serials, ICC aside from sRGB conversion),
 * bounds the size, and proves the bytes really are an image by decoding them.
 */
export async function reencodeImage(input: Buffer): Promise<Buffer> {
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: MAX_EDGE, height: MAX_EDGE, fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 82 })
    .toBuffer();
}

/** The content type by magic bytes (file-type is ESM-only, hence the dynamic import). */
export async function sniffType(input: Buffer): Promise<string | undefined> {
  const { fileTypeFromBuffer } = await import('file-type');
  return (await fileTypeFromBuffer(input))?.mime;
}
