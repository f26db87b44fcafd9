/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.scss'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5'
    /** API origin without trailing slash; empty means same origin (H5 served by the API server). */
    TARO_APP_API_BASE?: string
  }
}

// Taro replaces process.env.* at build time; no Node typings in app code.
declare const process: { env: NodeJS.ProcessEnv }
