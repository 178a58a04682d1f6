/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.css'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    TARO_ENV: 'weapp' | 'h5' | string
    /** The API origin, set at build time (config/index.ts). */
    TARO_APP_API_BASE: string
    /** "local" enables the dev login code in the h5 build. */
    TARO_APP_STAGE: string
    TARO_APP_SUBSCRIBE_TEMPLATE_ID: string
  }
}
