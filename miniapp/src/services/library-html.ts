import { API_BASE } from './api-base'

/**
 * Inline styles per tag for the reader. weapp's <rich-text> ignores the
 * page's tag selectors, so the look travels with the HTML; images fill the
 * width (photos of scopes and screens must be legible on a phone).
 */
const TAG_STYLES: Record<string, string> = {
  img: 'display:block;width:100%;max-width:100%;height:auto;margin:12px 0;border-radius:6px;',
  p: 'margin:0 0 12px;line-height:1.75;',
  h2: 'margin:20px 0 10px;font-size:19px;font-weight:600;line-height:1.4;',
  h3: 'margin:16px 0 8px;font-size:17px;font-weight:600;line-height:1.4;',
  h4: 'margin:14px 0 6px;font-size:16px;font-weight:600;',
  ul: 'margin:0 0 12px;padding-left:22px;',
  ol: 'margin:0 0 12px;padding-left:22px;',
  li: 'margin:4px 0;line-height:1.7;',
  a: 'color:#1668dc;text-decoration:underline;',
  blockquote: 'margin:0 0 12px;padding:8px 12px;border-left:3px solid #bedaff;background:#f7f8fa;color:#4e5969;',
  table: 'width:100%;border-collapse:collapse;margin:0 0 12px;',
  th: 'border:1px solid #e5e6eb;padding:6px;background:#f7f8fa;',
  td: 'border:1px solid #e5e6eb;padding:6px;',
}

const OPEN_TAG = /<([a-zA-Z][a-zA-Z0-9]*)\b([^>]*?)(\/?)>/g
const STYLE_ATTR = /\sstyle\s*=\s*("([^"]*)"|'([^']*)')/i
const PATH_ATTR = /(\s(?:src|href)\s*=\s*)(["'])(\/[^/"'][^"']*)\2/gi

/** Absolute URLs for the server's own paths (`/api/v1/library-assets/…`): weapp has no page origin to resolve them against. */
export function absolutizePaths(attrs: string, base: string): string {
  return base ? attrs.replace(PATH_ATTR, (_m, lead: string, q: string, path: string) => `${lead}${q}${base}${path}${q}`) : attrs
}

function withStyle(attrs: string, style: string): string {
  const found = STYLE_ATTR.exec(attrs)
  if (!found) return `${attrs} style="${style}"`
  const existing = (found[2] ?? found[3] ?? '').trim()
  const joined = `${style}${existing && !existing.endsWith(';') ? `${existing};` : existing}`
  return attrs.replace(STYLE_ATTR, ` style="${joined.replace(/"/g, "'")}"`)
}

/**
 * The sanitised body as the reader shows it (H5 and weapp RichText alike):
 * server paths made absolute, each known tag given its inline style, image
 * sizes that would overflow dropped.
 */
export function prepareBody(html: string, base: string = API_BASE): string {
  return html.replace(OPEN_TAG, (whole, name: string, attrs: string, selfClose: string) => {
    const tag = name.toLowerCase()
    let out = absolutizePaths(attrs, base)
    if (tag === 'img') out = out.replace(/\s(?:width|height)\s*=\s*("[^"]*"|'[^']*'|\S+)/gi, '')
    // H5: a link opens beside the reader instead of replacing the app (weapp's rich-text ignores it).
    if (tag === 'a' && /\shref\s*=/i.test(out) && !/\starget\s*=/i.test(out)) out = `${out.trimEnd()} target="_blank"`
    const style = TAG_STYLES[tag]
    if (!style && out === attrs) return whole
    if (style) out = withStyle(out.trimEnd(), style)
    return `<${name}${out.trimEnd()}${selfClose ? ' /' : ''}>`
  })
}

/** A plain-text excerpt of HTML (for previews and the editor's empty check). */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}
