import sanitizeHtml from 'sanitize-html';

/** Where a library image or PDF is served from; the only image source a document body may use. */
// The API prefix is spelled out (app.ts's API_PREFIX) because app.ts imports this module's routes.
export const LIBRARY_ASSET_PATH = '/api/v1/library-assets/';

export function libraryAssetUrl(fileId: string): string {
  return `${LIBRARY_ASSET_PATH}${fileId}`;
}

const OUR_ASSET = new RegExp(`^${LIBRARY_ASSET_PATH.replace(/\//g, '\\/')}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$`, 'i');
const WEB_LINK = /^https?:\/\//i;

/**
 * What a document body may contain: text structure, simple tables, links
 * out to the web and our own images. Nothing that runs, styles or loads
 * from elsewhere (the body is shown in the mini-program's rich-text and in
 * the admin's browser). Attributes not named here are dropped.
 */
const ALLOWED_TAGS = ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'em', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'img'];

export interface SanitisedBody {
  html: string;
  /** Ids of the library images the body shows, in order of appearance, each once. */
  imageIds: string[];
}

/** Cleans an admin's HTML to the allow-list and reports which of our images it uses. */
export function sanitiseDocumentBody(html: string): SanitisedBody {
  const imageIds: string[] = [];
  const clean = sanitizeHtml(html, {
    allowedTags: ALLOWED_TAGS,
    allowedAttributes: { a: ['href', 'rel'], img: ['src', 'alt'], th: ['colspan', 'rowspan'], td: ['colspan', 'rowspan'] },
    allowedSchemes: ['http', 'https'],
    allowedSchemesByTag: {},
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard',
    transformTags: {
      b: 'strong',
      i: 'em',
      h1: 'h2',
      // Our image URLs in one spelling (ids lower-case), so the stored body and the file rows agree.
      img: (_tag, attribs) => {
        const id = OUR_ASSET.exec(attribs.src?.trim() ?? '')?.[1];
        return { tagName: 'img', attribs: id ? { ...attribs, src: libraryAssetUrl(id.toLowerCase()) } : attribs };
      },
      // Relative and other-scheme links are dropped (the text stays); web links open without a referrer.
      a: (_tag, attribs) => {
        const href = attribs.href?.trim();
        const kept: Record<string, string> = href && WEB_LINK.test(href) ? { href, rel: 'noopener noreferrer nofollow' } : {};
        return { tagName: 'a', attribs: kept };
      },
    },
    exclusiveFilter: (frame) => {
      if (frame.tag !== 'img') return false;
      const id = OUR_ASSET.exec(frame.attribs.src ?? '')?.[1];
      if (!id) return true;
      if (!imageIds.includes(id)) imageIds.push(id);
      return false;
    },
  });
  return { html: clean, imageIds };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', nbsp: ' ' };

/**
 * The text of a stored body, for the search index only (never shown): tags
 * become spaces, so words of two paragraphs do not join, and entities are
 * decoded. Stored bodies are sanitiser output — well-formed, with `<` and
 * `>` escaped inside text and attributes — so dropping tags by pattern is
 * exact here, and several times faster than parsing each body again when an
 * index of thousands of documents is built.
 */
export function bodyText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|nbsp|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (_m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? ' ';
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    })
    .replace(/\s+/g, ' ')
    .trim();
}
