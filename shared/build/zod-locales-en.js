// Stands in for zod's locales index in bundles: only English, the locale zod configures by default.
module.exports = { en: require('zod/v4/locales/en.js').default };
