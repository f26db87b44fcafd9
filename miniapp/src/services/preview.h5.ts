import type * as Contract from './preview'

// H5: a plain overlay. Taro's H5 previewImage pulls in its swiper web component
// (~60 KB gzip per page chunk) for what is one image here.
export const previewImage: typeof Contract.previewImage = (url) => {
  const overlay = document.createElement('div')
  overlay.setAttribute('data-testid', 'image-preview')
  overlay.setAttribute('role', 'dialog')
  overlay.setAttribute('aria-label', '图片预览，点击关闭')
  overlay.style.cssText =
    'position:fixed;inset:0;z-index:2000;display:flex;align-items:center;justify-content:center;background:rgba(0,0,0,.9);cursor:zoom-out;'
  const img = document.createElement('img')
  img.src = url
  img.alt = ''
  img.style.cssText = 'max-width:100%;max-height:100%;object-fit:contain;'
  overlay.appendChild(img)
  const close = () => {
    overlay.remove()
    window.removeEventListener('keydown', onKey)
    window.removeEventListener('hashchange', close)
  }
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') close()
  }
  overlay.addEventListener('click', close)
  window.addEventListener('keydown', onKey)
  // Leaving the page (hash router) closes it too.
  window.addEventListener('hashchange', close)
  document.body.appendChild(overlay)
}
