// Lives in config/ because the repository root may hold only the listed files;
// config/index.ts points babel-loader here explicitly (babel would not find it).
const NUTUI = '@nutui/nutui-react-taro/dist/es/packages'

module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // H5 targets old WebViews (package.json browserslist); weapp gets its polyfills from the WeChat runtime.
        useBuiltIns: process.env.TARO_ENV === 'h5' ? 'usage' : false,
      },
    ],
  ],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        // NutUI folders are the lower-cased component names (CellGroup -> cellgroup).
        customName: (name) => `${NUTUI}/${name.toLowerCase()}`,
        // Per-component CSS only: the global stylesheet adds ~300 KB of wxss.
        customStyleName: (name) => `${NUTUI}/${name.toLowerCase()}/style/css`,
      },
      'nutui-react-taro',
    ],
  ],
}
