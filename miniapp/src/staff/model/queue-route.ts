import type { StaffRole } from '@xinsheng/shared'
import { defaultTab, queueTabs, type QueueTab } from './permissions'
import { decodedQueryParam } from '../../common/query-param'

/**
 * What the queue page's address holds, so a reload or a copied link on a desktop shows the same
 * thing: the task open beside the queue (`?id=`) and the tab (`&tab=`). No Taro here: the page reads
 * its query through Taro and writes the address through `src/staff/platform.ts`.
 */
export interface QueueRoute {
  taskId?: string
  tab: QueueTab
}

/** Longer than any task id the server hands out; anything longer is not one. */
const MAX_ID_LENGTH = 128

/**
 * The queue state from the page's query. A tab this role does not have (or none) is the role's
 * first tab; an empty, undecodable or overlong id is no task. Whether the agent may see the task
 * is the server's to say (the workbench drops the id on a 404).
 */
export function parseQueueRoute(params: RouteParams, role: StaffRole): QueueRoute {
  const { taskId, tab } = routeParams(params)
  const tabs = queueTabs(role)
  return { ...(taskId ? { taskId } : {}), tab: tabs.includes(tab as QueueTab) ? (tab as QueueTab) : defaultTab(role) }
}

export type RouteParams = Partial<Record<string, string | undefined>>

/** The id and tab as given, decoded, before anybody is signed in (to come back to them after the login). */
export function routeParams(params: RouteParams): { taskId?: string; tab?: string } {
  const id = decodedQueryParam(params.id)?.trim()
  const tab = decodedQueryParam(params.tab)
  return { ...(id && id.length <= MAX_ID_LENGTH ? { taskId: id } : {}), ...(tab ? { tab } : {}) }
}

/**
 * The query of the queue page for this state: `?id=<taskId>&tab=<tab>&lang=<lang>`, each only when
 * set. Given the role, its first tab is left out: no tab reads as "your first tab", so a link (or a
 * login's way back) does not hand one person's default to somebody whose first tab is another.
 */
export function queueRouteQuery({ taskId, tab, lang }: { taskId?: string; tab?: string; lang?: string }, role?: StaffRole): string {
  if (role && tab === defaultTab(role)) tab = undefined
  const pairs = Object.entries({ id: taskId, tab, lang }).filter((pair): pair is [string, string] => !!pair[1])
  return pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : ''
}
