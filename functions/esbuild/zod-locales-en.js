// Stands in for zod's locales index in the function bundles: only English, the locale zod configures
// by default. (webpack drops the unused locales from the mini-program by itself; esbuild cannot drop
// the `z.locales` namespace re-export, ~260 KiB minified.)
module.exports = { en: require('zod/v4/locales/en.js').default };
