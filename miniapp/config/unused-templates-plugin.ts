import type { IPluginContext } from '@tarojs/service'

/**
 * Taro writes a WXML template into base.wxml for every component in its `componentConfig.includes`,
 * once per nesting level; the build adds each component the app imports from @tarojs/components,
 * but the set starts with a few Taro always includes, used here or not. Two of those this app never
 * uses: `scroll-view` (4 levels of ≈ 2.3 KB each) and `image`/`static-image` (≈ 1 KB) — ≈ 10 KB of the
 * main package's base.wxml (and as much of the staff subpackage's own). They are only taken out of the
 * starting set: a page that imports ScrollView or Image puts them back, as for any other component.
 */
export const UNUSED_DEFAULT_COMPONENTS = ['scroll-view', 'image', 'static-image'] as const

interface ComponentConfig {
  includes: Set<string>
}

export default (ctx: IPluginContext) => {
  // Called when the build is set up, before any module is parsed (the parser adds what is imported).
  ctx.modifyComponentConfig(({ componentConfig }: { componentConfig: ComponentConfig }) => {
    for (const name of UNUSED_DEFAULT_COMPONENTS) componentConfig.includes.delete(name)
  })
}
