#!/usr/bin/env node
// Size budgets for the mini-program and H5 builds. Run after `npm run build:weapp`
// and `npm run build:h5`. WeChat rejects packages over 2 MB; the budgets leave headroom.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const weappDir = path.join(root, 'dist/weapp')
const h5Dir = path.join(root, 'dist/h5')

const MB = 1024 * 1024
const BUDGET = { main: 1.2 * MB, subpackage: 1.5 * MB, h5InitialGzip: 350 * 1024 }

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

function requireFile(file, hint) {
  if (!fs.existsSync(file)) {
    console.error(`bundle-sizes: ${path.relative(root, file)} not found; run ${hint} first`)
    process.exit(2)
  }
}

function weappSizes() {
  const appJson = path.join(weappDir, 'app.json')
  requireFile(appJson, 'npm run build:weapp')
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
  const totals = new Map([['main', 0], ...roots.map((r) => [r, 0])])
  for (const file of filesUnder(weappDir)) {
    const rel = path.relative(weappDir, file).split(path.sep).join('/')
    const owner = roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main'
    totals.set(owner, totals.get(owner) + fs.statSync(file).size)
  }
  return [...totals].map(([name, bytes]) => ({
    name: name === 'main' ? 'weapp main package' : `weapp subpackage ${name}`,
    bytes,
    limit: name === 'main' ? BUDGET.main : BUDGET.subpackage,
  }))
}

function h5InitialJs() {
  const indexHtml = path.join(h5Dir, 'index.html')
  requireFile(indexHtml, 'npm run build:h5')
  const html = fs.readFileSync(indexHtml, 'utf8')
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1])
  let bytes = 0
  for (const src of srcs) {
    const file = path.join(h5Dir, src.replace(/^https?:\/\/[^/]+/, '').replace(/[?#].*$/, ''))
    requireFile(file, 'npm run build:h5')
    bytes += zlib.gzipSync(fs.readFileSync(file)).length
  }
  return { name: `h5 initial JS, gzip (${srcs.length} files)`, bytes, limit: BUDGET.h5InitialGzip }
}

const rows = [...weappSizes(), h5InitialJs()]
const kb = (n) => (n / 1024).toFixed(1)
const width = Math.max(...rows.map((r) => r.name.length))
console.log(`${'bundle'.padEnd(width)}  ${'size KB'.padStart(9)}  ${'limit KB'.padStart(9)}  status`)
for (const r of rows) {
  const ok = r.bytes <= r.limit
  console.log(`${r.name.padEnd(width)}  ${kb(r.bytes).padStart(9)}  ${kb(r.limit).padStart(9)}  ${ok ? 'ok' : 'OVER'}`)
}
const over = rows.filter((r) => r.bytes > r.limit)
if (over.length > 0) {
  console.error(`bundle-sizes: ${over.length} bundle(s) over budget: ${over.map((r) => r.name).join(', ')}`)
  process.exit(1)
}
