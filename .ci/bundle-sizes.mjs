#!/usr/bin/env node
// Size budgets for the mini-program and H5 builds. Run after `npm run build:weapp`
// and `npm run build:h5`. WeChat rejects packages over 2 MB; the budgets leave headroom.
// Also a module: `npm run bench:client` (bench/client.ts) imports the measurements below.
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const weappDir = path.join(root, 'dist/weapp')
export const h5Dir = path.join(root, 'dist/h5')

const MB = 1024 * 1024
export const BUDGET = { main: 1.2 * MB, subpackage: 1.5 * MB, h5InitialGzip: 350 * 1024 }

/** A build output the measurement needs is not there; the CLI reports it and exits 2. */
export class MissingBuildError extends Error {
  constructor(file, hint) {
    super(`bundle-sizes: ${path.relative(root, file)} not found; run ${hint} first`)
    this.name = 'MissingBuildError'
    this.file = file
    this.hint = hint
  }
}

function filesUnder(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

function requireFile(file, hint) {
  if (!fs.existsSync(file)) throw new MissingBuildError(file, hint)
}

/** Bytes on disk per weapp package: `main` and each subpackage root from app.json. */
export function weappSizes(dir = weappDir) {
  const appJson = path.join(dir, 'app.json')
  requireFile(appJson, 'npm run build:weapp')
  const app = JSON.parse(fs.readFileSync(appJson, 'utf8'))
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
  const totals = new Map([['main', 0], ...roots.map((r) => [r, 0])])
  for (const file of filesUnder(dir)) {
    const rel = path.relative(dir, file).split(path.sep).join('/')
    const owner = roots.find((r) => rel.startsWith(`${r}/`)) ?? 'main'
    totals.set(owner, totals.get(owner) + fs.statSync(file).size)
  }
  return [...totals].map(([name, bytes]) => ({
    name: name === 'main' ? 'weapp main package' : `weapp subpackage ${name}`,
    package: name,
    bytes,
    limit: name === 'main' ? BUDGET.main : BUDGET.subpackage,
  }))
}

/** The gzipped size of the scripts index.html loads (what a first visit downloads before anything renders). */
export function h5InitialJs(dir = h5Dir) {
  const indexHtml = path.join(dir, 'index.html')
  requireFile(indexHtml, 'npm run build:h5')
  const html = fs.readFileSync(indexHtml, 'utf8')
  const srcs = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)/gi)].map((m) => m[1])
  let bytes = 0
  const files = []
  for (const src of srcs) {
    const file = path.join(dir, src.replace(/^https?:\/\/[^/]+/, '').replace(/[?#].*$/, ''))
    requireFile(file, 'npm run build:h5')
    const content = fs.readFileSync(file)
    const gzip = zlib.gzipSync(content).length
    files.push({ src, rawBytes: content.length, gzipBytes: gzip })
    bytes += gzip
  }
  return { name: `h5 initial JS, gzip (${srcs.length} files)`, bytes, limit: BUDGET.h5InitialGzip, files }
}

/** Every budgeted bundle: the weapp packages, then the H5 initial JS. Throws MissingBuildError. */
export function bundleRows() {
  return [...weappSizes(), h5InitialJs()]
}

function main() {
  let rows
  try {
    rows = bundleRows()
  } catch (err) {
    if (!(err instanceof MissingBuildError)) throw err
    console.error(err.message)
    process.exit(2)
  }
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
}

function invokedDirectly() {
  if (!process.argv[1]) return false
  try {
    return fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
}

if (invokedDirectly()) main()
