/**
 * Runs in the mini-program, right after the platform's own runtime (a11y-attributes-plugin.ts adds
 * it to Taro's runtimePath, so the app and each independent subpackage import it first): teaches
 * Taro's runtime the aria-* attributes that the plugin adds to the WXML templates, so both give
 * every attribute the same short name. It must run before the first render, when the runtime
 * computes its alias table from these component tables.
 */
import { mergeInternalComponents } from '@tarojs/shared'
import { a11yAttributes } from './a11y-attributes'

mergeInternalComponents(a11yAttributes)
