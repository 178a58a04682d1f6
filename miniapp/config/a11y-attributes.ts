/**
 * WeChat's aria-* attributes on the Taro components that carry them here, as Taro's component
 * tables spell them (attribute → default; '' binds the attribute to the prop of the same name in
 * camelCase: aria-role ← ariaRole).
 *
 * One table for both sides of Taro's mini-program rendering, which must agree attribute for
 * attribute: the build's WXML templates (base.wxml, via a11y-attributes-plugin.ts) and the runtime
 * (a11y-attributes-runtime.ts). Both number each component's attributes in sorted order (p0, p1…)
 * and the runtime sends its data under those short names, so an attribute known to one side only
 * shifts the others: a Button's `disabled` ends up on aria-disabled.
 *
 * This file is bundled into the mini-program (main package and the independent staff subpackage):
 * keep it plain data with no imports, and without object spread, which Babel turns into a helper
 * that webpack then moves into the main package's vendors.js (Object.assign is built in).
 */
const ariaAttributes = {
  'aria-role': '',
  'aria-label': '',
  'aria-checked': '',
  'aria-disabled': '',
  'aria-hidden': '',
  'aria-live': '',
}

export const a11yAttributes: Record<string, Record<string, string>> = {
  // aria-selected: the workbench's queue tabs (Views). Each attribute costs bytes in every
  // template level of base.wxml, which the main package carries, so only where it is used.
  View: Object.assign({ 'aria-selected': '' }, ariaAttributes),
  Text: ariaAttributes,
  Button: ariaAttributes,
  Textarea: ariaAttributes,
  // The workbench's text fields (login, reassign).
  Input: { 'aria-label': '' },
}
