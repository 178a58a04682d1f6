import type { IPluginContext } from '@tarojs/service'

/**
 * WeChat renders aria-role / aria-label / aria-checked… for screen readers, but Taro's
 * mini-program template only passes the attributes it knows, and it knows none of them.
 * This adds them to the components the survey and the workbench use (on h5 React passes them through as is).
 * An attribute with value '' is bound to the prop of the same name in camelCase (ariaRole…).
 */
const ariaAttributes = {
  'aria-role': '',
  'aria-label': '',
  'aria-checked': '',
  'aria-disabled': '',
  'aria-hidden': '',
  'aria-live': '',
}

export default (ctx: IPluginContext) => {
  // Platform plugins call ctx.onSetupClose(platform) once their template is set up.
  ctx.registerMethod('onSetupClose', (platform: any) => {
    const template = platform?.template
    if (!template || typeof template.mergeComponents !== 'function') return // h5: nothing to patch
    template.mergeComponents(ctx, {
      // aria-selected: the workbench's queue tabs (Views). Each attribute costs bytes in every
      // template level of base.wxml, which the main package carries, so only where it is used.
      View: { ...ariaAttributes, 'aria-selected': '' },
      Text: ariaAttributes,
      Button: ariaAttributes,
      Textarea: ariaAttributes,
      // The workbench's text fields (login, reassign).
      Input: { 'aria-label': '' },
    })
  })
}
