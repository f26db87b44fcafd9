import Taro from '@tarojs/taro'

const TOKEN_KEY = 'scopedesk.token'

// Storage can throw (quota, private mode on H5); a missing token just means "not logged in".
export function getToken(): string | undefined {
  try {
    const value: unknown = Taro.getStorageSync(TOKEN_KEY)
    return typeof value === 'string' && value !== '' ? value : undefined
  } catch {
    return undefined
  }
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
}

export function clearToken(): void {
  try {
    Taro.removeStorageSync(TOKEN_KEY)
  } catch {
    // Nothing stored is the state we want.
  }
}
