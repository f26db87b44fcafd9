// Draws the tab-bar icons as PNGs (no image tools or downloads on the build machines).
// Run: node miniapp/tools/tab-icons.mjs  → miniapp/src/assets/tab/<name>[-active].png
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'

const SIZE = 81 // WeChat's recommended tab icon size
const STROKE = 0.075 // in units of the icon width
const COLORS = { '': [0x6b, 0x72, 0x80], '-active': [0x16, 0x68, 0xdc] }

const ellipseArc = (cx, cy, rx, ry, from, to, steps = 24) =>
  Array.from({ length: steps + 1 }, (_, i) => {
    const a = from + ((to - from) * i) / steps
    return [cx + rx * Math.cos(a), cy + ry * Math.sin(a)]
  })

// Each icon is a list of polylines in 0..1 coordinates.
const ICONS = {
  home: [
    [[0.12, 0.5], [0.5, 0.16], [0.88, 0.5]],
    [[0.24, 0.42], [0.24, 0.84], [0.76, 0.84], [0.76, 0.42]],
    [[0.42, 0.84], [0.42, 0.62], [0.58, 0.62], [0.58, 0.84]],
  ],
  tickets: [
    [[0.36, 0.2], [0.22, 0.2], [0.22, 0.86], [0.78, 0.86], [0.78, 0.2], [0.64, 0.2]],
    [[0.38, 0.13], [0.62, 0.13], [0.62, 0.27], [0.38, 0.27], [0.38, 0.13]],
    [[0.34, 0.44], [0.66, 0.44]],
    [[0.34, 0.58], [0.66, 0.58]],
    [[0.34, 0.72], [0.54, 0.72]],
  ],
  me: [
    ellipseArc(0.5, 0.34, 0.16, 0.16, 0, Math.PI * 2),
    ellipseArc(0.5, 0.88, 0.3, 0.3, Math.PI, Math.PI * 2),
    [[0.2, 0.88], [0.8, 0.88]],
  ],
}

function segmentDistance(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax
  const dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)))
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
}

function coverage(lines, x, y) {
  const SS = 4 // 4×4 supersampling for anti-aliased edges
  let hits = 0
  for (let i = 0; i < SS; i++) {
    for (let j = 0; j < SS; j++) {
      const px = (x + (i + 0.5) / SS) / SIZE
      const py = (y + (j + 0.5) / SS) / SIZE
      const near = lines.some((line) =>
        line.slice(1).some((point, k) => segmentDistance(px, py, line[k], point) <= STROKE / 2),
      )
      if (near) hits++
    }
  }
  return hits / (SS * SS)
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => (buf.reduce((c, b) => CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8), 0xffffffff) ^ 0xffffffff) >>> 0

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length)
  out.writeUInt32BE(data.length, 0)
  out.write(type, 4, 'ascii')
  data.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
  return out
}

function png(lines, [r, g, b]) {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1))
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const o = y * (SIZE * 4 + 1) + 1 + x * 4
      raw[o] = r
      raw[o + 1] = g
      raw[o + 2] = b
      raw[o + 3] = Math.round(coverage(lines, x, y) * 255)
    }
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(SIZE, 0)
  header.writeUInt32BE(SIZE, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const outDir = path.join(path.dirname(new URL(import.meta.url).pathname), '../src/assets/tab')
fs.mkdirSync(outDir, { recursive: true })
for (const [name, lines] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    fs.writeFileSync(path.join(outDir, `${name}${suffix}.png`), png(lines, color))
  }
}
