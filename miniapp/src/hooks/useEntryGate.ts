import { useEffect } from 'react'
import Taro from '@tarojs/taro'
import { getToken } from '../services/token'
import { getPendingConsent } from '../stores/consent'
import { loadSession, needsConsent } from '../stores/session'
import { ROUTES } from '../routes'
import { reconsentUrl } from '../reconsent'

let checked = false

/**
 * Launch check, run by whichever tab page opens first (once per launch):
 * no session and no consent given on this device → the consent page;
 * a session → /me, and the consent page again if the server has no valid consent.
 */
export function useEntryGate(): void {
  useEffect(() => {
    if (checked) return
    checked = true
    if (!getToken()) {
      if (!getPendingConsent()) void Taro.reLaunch({ url: ROUTES.consent })
      return
    }
    void loadSession().then((state) => {
      if (state.phase === 'ready' && needsConsent(state.me)) {
        void Taro.navigateTo({ url: reconsentUrl(state.me.consents.reconsentRequired) })
      }
    })
  }, [])
}
