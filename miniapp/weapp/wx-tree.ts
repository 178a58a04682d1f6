import type { WxNode } from './wechat-compilers'

/** Reading the tree wcc's `$gwx` renders: find nodes by tag and attribute, read their text. */

export const isNode = (child: WxNode | string | undefined): child is WxNode => !!child && typeof child === 'object'

export function allNodes(root: WxNode): WxNode[] {
  return [root, ...(root.children ?? []).filter(isNode).flatMap(allNodes)]
}

export function findNodes(root: WxNode, match: (node: WxNode) => boolean): WxNode[] {
  return allNodes(root).filter(match)
}

export const attr = (node: WxNode, name: string): unknown => node.attr?.[name]

export const hasClass = (node: WxNode, name: string): boolean => String(attr(node, 'class') ?? '').split(/\s+/).includes(name)

export function textOf(node: WxNode | string): string {
  if (typeof node === 'string') return node
  return (node.children ?? []).map((child) => textOf(child)).join('')
}
