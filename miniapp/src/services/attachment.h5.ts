import { API_BASE } from './api-base'
import type * as Contract from './attachment'

// H5: the browser shows (or downloads) the PDF itself, in a new tab so the reader stays open.
export const openAttachment: typeof Contract.openAttachment = async (url) => {
  const href = url.startsWith('/') ? `${API_BASE}${url}` : url
  const opened = window.open(href, '_blank', 'noopener')
  // A blocked pop-up: go there in this tab instead.
  if (!opened) window.location.assign(href)
}
