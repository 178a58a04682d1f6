import {
  ZAdminPasswordReset,
  ZAdminStaffCreate,
  ZAdminStaffCreated,
  ZAdminStaffPage,
  ZAdminStaffUpdate,
  ZAdminStaffView,
  type AdminStaffCreate,
  type AdminStaffCreated,
  type AdminStaffPage,
  type AdminStaffUpdate,
  type AdminStaffView,
  type Locale,
  type StaffRole,
} from '@xinsheng/shared'
import * as z from 'zod/mini'
import type { JsonCaller } from '../../common/http-json'
import { apiFieldErrors, fieldErrors, splitIds, type FormResult } from './admin-stores-form'

/**
 * Staff accounts as the brand admin manages them (DESIGN.md "Brand admin → API"): list, create (a
 * one-time password, shown once), edit name / role / scope, disable and enable, reset the password
 * (a new one, shown once). The server keeps the brand's last active admin (409 `last_admin`). No Taro here.
 */
export async function readStaffPage(caller: JsonCaller, token: string, cursor?: string): Promise<AdminStaffPage> {
  const path = `/v1/admin/staff?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
  return caller.parse(ZAdminStaffPage, await caller.call('GET', path, token), 'GET /v1/admin/staff')
}

export async function createStaff(caller: JsonCaller, token: string, body: AdminStaffCreate): Promise<AdminStaffCreated> {
  return caller.parse(ZAdminStaffCreated, await caller.call('POST', '/v1/admin/staff', token, body), 'POST /v1/admin/staff')
}

export async function updateStaff(caller: JsonCaller, token: string, staffId: string, body: AdminStaffUpdate): Promise<AdminStaffView> {
  return caller.parse(ZAdminStaffView, await caller.call('PUT', `/v1/admin/staff/${encodeURIComponent(staffId)}`, token, body), 'PUT /v1/admin/staff/{staffId}')
}

export async function resetPassword(caller: JsonCaller, token: string, staffId: string): Promise<string> {
  const res = await caller.call('POST', `/v1/admin/staff/${encodeURIComponent(staffId)}/password`, token)
  return caller.parse(ZAdminPasswordReset, res, 'POST /v1/admin/staff/{staffId}/password').password
}

export const STAFF_ROLES: readonly StaffRole[] = ['agent', 'supervisor', 'manager', 'admin']
export type ScopeKind = 'all' | 'regions' | 'stores'

export interface StaffForm {
  username: string
  name: string
  role: StaffRole
  scopeKind: ScopeKind
  /** Region or store ids (as scopeKind says), separated by spaces, commas or semicolons. */
  scopeIds: string
}

export const STAFF_FORM_FIELDS = ['username', 'name', 'role', 'scope'] as const
export type StaffFormField = (typeof STAFF_FORM_FIELDS)[number]
/** The server names a scope error by one of its fields; the form shows it beside the scope. */
const SCOPE_ALIAS: Partial<Record<string, StaffFormField>> = { regions: 'scope', stores: 'scope', allRegions: 'scope' }

export const emptyStaffForm = (): StaffForm => ({ username: '', name: '', role: 'agent', scopeKind: 'regions', scopeIds: '' })

export function staffToForm(staff: AdminStaffView): StaffForm {
  const { allRegions, regions, stores } = staff.scope
  const scopeKind: ScopeKind = allRegions ? 'all' : stores.length && !regions.length ? 'stores' : 'regions'
  return { username: staff.username, name: staff.name, role: staff.role, scopeKind, scopeIds: (scopeKind === 'stores' ? stores : scopeKind === 'regions' ? regions : []).join(' ') }
}

/** The scope fields of a body: all of them, so an edit replaces the whole scope. */
function scopeOf(form: StaffForm) {
  const ids = splitIds(form.scopeIds)
  return { allRegions: form.scopeKind === 'all', regions: form.scopeKind === 'regions' ? ids : [], stores: form.scopeKind === 'stores' ? ids : [] }
}

/** Laid out by field, with the scope's issues beside the scope. */
export const staffFieldErrors = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) => fieldErrors(issues, STAFF_FORM_FIELDS, SCOPE_ALIAS)
/** A failed call's 400 by the form's field (undefined for any other failure). */
export const staffApiFieldErrors = (error: unknown) => apiFieldErrors(error, STAFF_FORM_FIELDS, SCOPE_ALIAS)

export function staffCreateBody(form: StaffForm): FormResult<AdminStaffCreate, StaffFormField> {
  const parsed = z.safeParse(ZAdminStaffCreate, { username: form.username.trim(), name: form.name, role: form.role, ...scopeOf(form) })
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: staffFieldErrors(parsed.error.issues) }
}

/** The server refuses an empty scope with its own words; the form says it before sending, beside the scope. */
export function staffUpdateBody(form: StaffForm, emptyScope: string): FormResult<AdminStaffUpdate, StaffFormField> {
  const scope = scopeOf(form)
  if (!scope.allRegions && !scope.regions.length && !scope.stores.length) return { ok: false, errors: { fields: { scope: emptyScope }, other: [] } }
  const parsed = z.safeParse(ZAdminStaffUpdate, { name: form.name, role: form.role, ...scope })
  return parsed.success ? { ok: true, body: parsed.data } : { ok: false, errors: staffFieldErrors(parsed.error.issues) }
}

/** What an account covers, in a line. */
export function scopeLine(staff: Pick<AdminStaffView, 'scope'>, t: StaffAdminTexts): string {
  if (staff.scope.allRegions) return t.scopeAll
  const parts = [...(staff.scope.regions.length ? [`${t.scopeRegions}: ${staff.scope.regions.join(', ')}`] : []), ...(staff.scope.stores.length ? [`${t.scopeStores}: ${staff.scope.stores.join(', ')}`] : [])]
  return parts.join(' · ')
}

export interface StaffAdminTexts {
  title: string
  empty: string
  loadMore: string
  newStaff: string
  edit: string
  disable: string
  enable: string
  disabled: string
  resetPassword: string
  confirmReset: (username: string) => string
  confirm: string
  cancel: string
  roles: Record<StaffRole, string>
  scopeAll: string
  scopeRegions: string
  scopeStores: string
  form: {
    createTitle: string
    editTitle: (username: string) => string
    username: string
    usernameHint: string
    name: string
    role: string
    scope: string
    scopeKinds: Record<ScopeKind, string>
    scopeIds: Record<Exclude<ScopeKind, 'all'>, string>
    emptyScope: string
    create: string
    save: string
    cancel: string
    saved: (username: string) => string
  }
  done: {
    disabled: (username: string) => string
    enabled: (username: string) => string
  }
  password: {
    createdTitle: (username: string) => string
    resetTitle: (username: string) => string
    label: string
    warning: string
    copy: string
    copied: string
    copyFailed: string
    done: string
  }
}

const zhCN: StaffAdminTexts = {
  title: '员工账号',
  empty: '还没有员工账号。',
  loadMore: '加载更多',
  newStaff: '新建账号',
  edit: '编辑',
  disable: '停用',
  enable: '启用',
  disabled: '已停用',
  resetPassword: '重置密码',
  confirmReset: (username) => `确定为 ${username} 重置密码？旧密码立即失效。`,
  confirm: '确认重置',
  cancel: '取消',
  roles: { agent: '回访专员', supervisor: '主管', manager: '经理', admin: '管理员' },
  scopeAll: '全部区域',
  scopeRegions: '区域',
  scopeStores: '门店',
  form: {
    createTitle: '新建员工账号',
    editTitle: (username) => `编辑 ${username}`,
    username: '账号',
    usernameHint: '3–64 位小写字母、数字或 . _ -',
    name: '姓名',
    role: '角色',
    scope: '负责范围',
    scopeKinds: { all: '全部区域', regions: '指定区域', stores: '指定门店' },
    scopeIds: { regions: '区域编号', stores: '门店编号' },
    emptyScope: '请至少填一个区域或门店',
    create: '创建账号',
    save: '保存',
    cancel: '取消',
    saved: (username) => `已保存 ${username}。`,
  },
  done: {
    disabled: (username) => `已停用 ${username}，其登录即刻失效。`,
    enabled: (username) => `已启用 ${username}。`,
  },
  password: {
    createdTitle: (username) => `已创建 ${username}`,
    resetTitle: (username) => `${username} 的新密码`,
    label: '一次性密码',
    warning: '密码只显示这一次，关闭后无法再查看。请立即复制并当面或通过安全渠道交给本人。',
    copy: '复制密码',
    copied: '已复制。',
    copyFailed: '无法复制，请手动选中文本复制。',
    done: '我已记下，关闭',
  },
}

const en: StaffAdminTexts = {
  title: 'Staff accounts',
  empty: 'No staff accounts yet.',
  loadMore: 'Load more',
  newStaff: 'New account',
  edit: 'Edit',
  disable: 'Disable',
  enable: 'Enable',
  disabled: 'Disabled',
  resetPassword: 'Reset password',
  confirmReset: (username) => `Reset the password of ${username}? The old one stops working at once.`,
  confirm: 'Reset the password',
  cancel: 'Cancel',
  roles: { agent: 'Agent', supervisor: 'Supervisor', manager: 'Manager', admin: 'Admin' },
  scopeAll: 'All regions',
  scopeRegions: 'Regions',
  scopeStores: 'Stores',
  form: {
    createTitle: 'New staff account',
    editTitle: (username) => `Edit ${username}`,
    username: 'Username',
    usernameHint: '3–64 lower-case letters, digits, . _ -',
    name: 'Name',
    role: 'Role',
    scope: 'Scope',
    scopeKinds: { all: 'All regions', regions: 'Some regions', stores: 'Some stores' },
    scopeIds: { regions: 'Region ids', stores: 'Store ids' },
    emptyScope: 'give at least one region or store',
    create: 'Create account',
    save: 'Save',
    cancel: 'Cancel',
    saved: (username) => `Saved ${username}.`,
  },
  done: {
    disabled: (username) => `Disabled ${username}: their sessions stop at once.`,
    enabled: (username) => `Enabled ${username}.`,
  },
  password: {
    createdTitle: (username) => `Created ${username}`,
    resetTitle: (username) => `New password of ${username}`,
    label: 'One-time password',
    warning: 'The password is shown this once and cannot be shown again. Copy it now and hand it to the person in a safe way.',
    copy: 'Copy the password',
    copied: 'Copied.',
    copyFailed: 'Could not copy: select the text and copy it.',
    done: 'I have noted it — close',
  },
}

export const staffAdminTexts = (locale: Locale): StaffAdminTexts => (locale === 'en' ? en : zhCN)
