import { API_BASE } from '../../../../services/api-base'
import { apiUrl, authHeader } from '../../../../services/http'

// H5 only (the editor). A draft's images are not public yet: the editor shows
// them from the picked file, or fetched with the session, never by bare URL.
const cache = new Map<string, Promise<string>>()

/** The file just uploaded from this browser: shown from memory. */
export function rememberLocalAsset(fileId: string, blobUrl: string): void {
  cache.set(fileId, Promise.resolve(blobUrl))
}

async function fetchWithSession(fileId: string, src: string): Promise<string> {
  try {
    const res = await fetch(apiUrl(`/library-assets/${encodeURIComponent(fileId)}`), { headers: authHeader() })
    if (!res.ok) throw new Error(String(res.status))
    return URL.createObjectURL(await res.blob())
  } catch {
    cache.delete(fileId)
    return src.startsWith('/') ? `${API_BASE}${src}` : src
  }
}

/** A URL an <img> in the editor can show for one of our library images. */
export function assetPreviewUrl(fileId: string, src: string): Promise<string> {
  let url = cache.get(fileId)
  if (!url) {
    url = fetchWithSession(fileId, src)
    cache.set(fileId, url)
  }
  return url
}
