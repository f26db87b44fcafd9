import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import type { IH5Config } from '@tarojs/taro/types/compile'
import devConfig from './dev'
import prodConfig from './prod'

type Chain = Parameters<NonNullable<IH5Config['webpackChain']>>[0]

const root = path.resolve(__dirname, '..')
const babelConfigFile = path.join(__dirname, 'babel.config.js')

// Taro only transpiles sourceRoot and *taro* packages; shared/ is plain TS and
// zod ships ES2020+ syntax that old WebViews (see browserslist) cannot parse.
// Plain paths, not RegExps: Taro's config check serialises the config to JSON.
const compileInclude = [path.join(root, 'shared'), path.join(root, 'node_modules', 'zod')]

function tuneChain(chain: Chain): void {
  // babel.config.js may not sit at the root, so tell babel-loader where it is.
  chain.module
    .rule('script')
    .use('babelLoader')
    .tap((options: Record<string, unknown> = {}) => ({ ...options, configFile: babelConfigFile, babelrc: false }))

  // Taro's own `cache.enable` hard-codes <root>/src/app.config, which does not
  // exist with our sourceRoot; set webpack's filesystem cache ourselves.
  chain.merge({
    cache: {
      type: 'filesystem',
      name: `${process.env.NODE_ENV}-${process.env.TARO_ENV}`,
      buildDependencies: {
        config: [__filename, path.join(__dirname, 'dev.ts'), path.join(__dirname, 'prod.ts'), babelConfigFile],
        files: [path.join(root, 'miniapp/src/app.config.ts')],
      },
    },
  })
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'scopedesk',
    // NutUI is drawn for a 375 px canvas; our styles use the 750 rpx canvas.
    designWidth: (input) =>
      typeof input === 'object' && input?.file?.replace(/\\+/g, '/').includes('/@nutui/') ? 375 : 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'miniapp/src',
    // One folder per target so the weapp and h5 builds never overwrite each other.
    outputRoot: `dist/${process.env.TARO_ENV}`,
    // WeChat's project file may not sit at the repository root.
    projectConfigName: 'miniapp/project.config.json',
    plugins: ['@tarojs/plugin-framework-react', '@tarojs/plugin-platform-weapp', '@tarojs/plugin-platform-h5'],
    alias: { '@shared': path.join(root, 'shared') },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      // NutUI's component styles are class-scoped; the order in which pages pull them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
      compile: { include: compileInclude },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain: tuneChain,
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      // The Koa server serves dist/h5/index.html at / only; hash routes need no server rewrites.
      router: { mode: 'hash' },
      // Without this postcss pxtransform skips node_modules and NutUI renders at the wrong scale.
      esnextModules: ['nutui-react-taro'],
      compile: { include: compileInclude },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain: tuneChain,
    },
  }

  // `taro build` without --watch is production mode.
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
