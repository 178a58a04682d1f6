import { ZBrandSettings, ZBrandSettingsUpdate, type BrandSettings, type BrandSettingsUpdate, type Locale, type LocalizedText, type TouchpointDef } from '@xinsheng/shared'
import * as z from 'zod/mini'
import type { JsonCaller } from '../../common/http-json'
import { fieldErrorsFrom, type FieldErrors } from './admin-surveys-fields'
import { typedInteger } from './admin-surveys'

// ---------- API ----------

export async function readBrand(caller: JsonCaller, token: string): Promise<BrandSettings> {
  return caller.parse(ZBrandSettings, await caller.call('GET', '/v1/admin/brand', token), 'GET /v1/admin/brand')
}

/** `PUT /v1/admin/brand` with one section; the answer is the brand's settings as now stored. */
export async function saveBrand(caller: JsonCaller, token: string, update: Record<string, unknown>): Promise<BrandSettings> {
  return caller.parse(ZBrandSettings, await caller.call('PUT', '/v1/admin/brand', token, update), 'PUT /v1/admin/brand')
}

// ---------- the forms (as typed) and the bodies they make ----------

export type BrandSection = 'general' | 'touchpoints' | 'contactPolicy' | 'followUp'

export interface GeneralForm {
  name: string
  defaultSurveyId: string
}

export interface ContactForm {
  sendDelayMinutes: string
  quiet: boolean
  quietStart: string
  quietEnd: string
  fatigueDays: string
  invitationTtlDays: string
}

export interface RoutingRow {
  touchpoint: string
  storeId: string
  region: string
  queue: string
}

export interface FollowUpForm {
  slaUrgent: string
  slaNormal: string
  businessStart: string
  businessEnd: string
  routing: RoutingRow[]
  /** Escalation: comment words that make a callback urgent, one per line or comma-separated; blank = the built-in list. */
  urgentKeywords: string
  /** '' = none. */
  recoverySurveyId: string
  recoveryDelayMinutes: string
}

export interface BrandForms {
  general: GeneralForm
  touchpoints: TouchpointDef[]
  contactPolicy: ContactForm
  followUp: FollowUpForm
}

export function formsFromBrand(brand: BrandSettings): BrandForms {
  return {
    general: generalForm(brand),
    touchpoints: touchpointsForm(brand),
    contactPolicy: contactForm(brand),
    followUp: followUpForm(brand),
  }
}

/** One section's form as the brand now has it (after a save, only the saved section is reset). */
export function sectionForm<S extends BrandSection>(brand: BrandSettings, section: S): BrandForms[S] {
  return formsFromBrand(brand)[section]
}

const generalForm = (b: BrandSettings): GeneralForm => ({ name: b.name, defaultSurveyId: b.defaultSurveyId })
const touchpointsForm = (b: BrandSettings): TouchpointDef[] => b.touchpoints.map((tp) => ({ id: tp.id, label: { ...tp.label } }))
const contactForm = ({ contactPolicy: p }: BrandSettings): ContactForm => ({
  sendDelayMinutes: String(p.sendDelayMinutes),
  quiet: p.quietHours !== null,
  quietStart: p.quietHours?.start ?? '21:00',
  quietEnd: p.quietHours?.end ?? '09:00',
  fatigueDays: String(p.fatigueDays),
  invitationTtlDays: String(p.invitationTtlDays),
})
const followUpForm = ({ followUp: f }: BrandSettings): FollowUpForm => ({
  slaUrgent: String(f.slaHours.urgent),
  slaNormal: String(f.slaHours.normal),
  businessStart: f.businessHours.start,
  businessEnd: f.businessHours.end,
  routing: f.routing.map((r) => ({ touchpoint: r.touchpoint ?? '', storeId: r.storeId ?? '', region: r.region ?? '', queue: r.queue })),
  urgentKeywords: (f.urgentKeywords ?? []).join('\n'),
  recoverySurveyId: f.recoverySurveyId ?? '',
  recoveryDelayMinutes: String(f.recoveryDelayMinutes),
})

/** A number as typed ("4", "1.5"), NaN for anything else (the schema then names the field). */
export function typedNumber(text: string): number {
  return /^\s*-?\d+(\.\d+)?\s*$/.test(text) ? Number(text) : Number.NaN
}

const blankToUndefined = (s: string) => (s.trim() === '' ? undefined : s.trim())

/** The PUT body of one section: that section only (the server replaces it whole). */
export function sectionBody(forms: BrandForms, section: BrandSection): Record<string, unknown> {
  switch (section) {
    case 'general':
      return { name: forms.general.name, defaultSurveyId: forms.general.defaultSurveyId }
    case 'touchpoints':
      return { touchpoints: forms.touchpoints }
    case 'contactPolicy': {
      const c = forms.contactPolicy
      return {
        contactPolicy: {
          sendDelayMinutes: typedInteger(c.sendDelayMinutes),
          quietHours: c.quiet ? { start: c.quietStart.trim(), end: c.quietEnd.trim() } : null,
          fatigueDays: typedInteger(c.fatigueDays),
          invitationTtlDays: typedInteger(c.invitationTtlDays),
        },
      }
    }
    case 'followUp': {
      const f = forms.followUp
      const keywords = f.urgentKeywords.split(/[\n,，]/).map((w) => w.trim()).filter(Boolean)
      return {
        followUp: {
          routing: f.routing.map((r) => ({ touchpoint: blankToUndefined(r.touchpoint), storeId: blankToUndefined(r.storeId), region: blankToUndefined(r.region), queue: r.queue.trim() })),
          slaHours: { urgent: typedNumber(f.slaUrgent), normal: typedNumber(f.slaNormal) },
          businessHours: { start: f.businessStart.trim(), end: f.businessEnd.trim() },
          urgentKeywords: keywords.length ? keywords : undefined,
          recoverySurveyId: blankToUndefined(f.recoverySurveyId),
          recoveryDelayMinutes: typedInteger(f.recoveryDelayMinutes),
        },
      }
    }
  }
}

/**
 * The section checked with the server's own schema (ZBrandSettingsUpdate) before it is sent; errors
 * by the path the server would name (`contactPolicy.fatigueDays`, `touchpoints.2.label.en`).
 */
export function validateSection(forms: BrandForms, section: BrandSection): { body?: BrandSettingsUpdate; errors: FieldErrors } {
  const parsed = z.safeParse(ZBrandSettingsUpdate, sectionBody(forms, section))
  return parsed.success ? { body: parsed.data, errors: {} } : { errors: fieldErrorsFrom(parsed.error.issues) }
}

// ---------- edits ----------

export function addTouchpoint(list: readonly TouchpointDef[]): TouchpointDef[] {
  const used = new Set(list.map((tp) => tp.id))
  let n = list.length + 1
  while (used.has(`touchpoint_${n}`)) n++
  return [...list, { id: `touchpoint_${n}`, label: { 'zh-CN': '', en: '' } }]
}

export function editTouchpoint(list: readonly TouchpointDef[], index: number, change: { id: string } | { lang: keyof LocalizedText; label: string }): TouchpointDef[] {
  return list.map((tp, i) => (i !== index ? tp : 'id' in change ? { ...tp, id: change.id } : { ...tp, label: { ...tp.label, [change.lang]: change.label } }))
}

export const removeAt = <T>(list: readonly T[], index: number): T[] => list.filter((_, i) => i !== index)

export const EMPTY_ROUTING_ROW: RoutingRow = { touchpoint: '', storeId: '', region: '', queue: '' }

// ---------- texts ----------

export interface BrandTexts {
  title: string
  inEffect: string
  general: { title: string; name: string; defaultSurvey: string }
  touchpoints: { title: string; id: string; label: string; add: string; remove: (id: string) => string; hint: string }
  contact: { title: string; delay: string; quiet: string; quietStart: string; quietEnd: string; fatigue: string; ttl: string }
  followUp: {
    title: string
    slaUrgent: string
    slaNormal: string
    businessStart: string
    businessEnd: string
    routing: string
    routingHint: string
    rule: (n: number) => string
    touchpoint: string
    storeId: string
    region: string
    queue: string
    addRule: string
    removeRule: (n: number) => string
    keywords: string
    keywordsHint: string
    recoverySurvey: string
    noRecovery: string
    recoveryDelay: string
  }
  save: string
  saved: string
  invalid: string
}

const zhCN: BrandTexts = {
  title: '触点与策略',
  inEffect: '保存后 30 秒内在所有实例生效（上限 60 秒）。',
  general: { title: '品牌', name: '品牌名称', defaultSurvey: '默认问卷' },
  touchpoints: { title: '触点', id: '触点 ID', label: '名称', add: '添加触点', remove: (id) => `删除触点 ${id}`, hint: '门店触发时使用的触点。删除门店仍在使用的触点由服务端判断。' },
  contact: { title: '联系策略', delay: '发送延迟（分钟）', quiet: '免打扰时段', quietStart: '免打扰开始（HH:mm）', quietEnd: '免打扰结束（HH:mm）', fatigue: '同一顾客最少间隔（天）', ttl: '邀请有效期（天，1–30）' },
  followUp: {
    title: '跟进策略',
    slaUrgent: '紧急回访时限（小时）',
    slaNormal: '普通回访时限（小时）',
    businessStart: '营业开始（HH:mm）',
    businessEnd: '营业结束（HH:mm）',
    routing: '分派规则',
    routingHint: '按顺序匹配，第一条匹配的规则决定队列；留空表示不限。',
    rule: (n) => `规则 ${n}`,
    touchpoint: '触点',
    storeId: '门店 ID',
    region: '区域',
    queue: '队列',
    addRule: '添加规则',
    removeRule: (n) => `删除规则 ${n}`,
    keywords: '升级关键词',
    keywordsHint: '留言含其中任一词时回访为紧急；每行一个，留空使用内置词表。',
    recoverySurvey: '回访后问卷',
    noRecovery: '不发送',
    recoveryDelay: '回访后问卷延迟（分钟）',
  },
  save: '保存',
  saved: '已保存。',
  invalid: '有误，请按字段旁的提示修改。',
}

const en: BrandTexts = {
  title: 'Touchpoints & policy',
  inEffect: 'A saved change is in effect on every instance within 30 s (the bound is 60 s).',
  general: { title: 'Brand', name: 'Brand name', defaultSurvey: 'Default survey' },
  touchpoints: { title: 'Touchpoints', id: 'Touchpoint id', label: 'Label', add: 'Add a touchpoint', remove: (id) => `Remove touchpoint ${id}`, hint: 'What stores name in their triggers. Whether one that stores still use can go is the server’s call.' },
  contact: { title: 'Contact policy', delay: 'Send delay (minutes)', quiet: 'Quiet hours', quietStart: 'Quiet from (HH:mm)', quietEnd: 'Quiet until (HH:mm)', fatigue: 'Days between invitations to one customer', ttl: 'Invitation lifetime (days, 1–30)' },
  followUp: {
    title: 'Follow-up policy',
    slaUrgent: 'Urgent callback SLA (hours)',
    slaNormal: 'Normal callback SLA (hours)',
    businessStart: 'Business hours from (HH:mm)',
    businessEnd: 'Business hours until (HH:mm)',
    routing: 'Routing rules',
    routingHint: 'In order: the first rule that matches picks the queue; a blank field matches anything.',
    rule: (n) => `Rule ${n}`,
    touchpoint: 'Touchpoint',
    storeId: 'Store id',
    region: 'Region',
    queue: 'Queue',
    addRule: 'Add a rule',
    removeRule: (n) => `Remove rule ${n}`,
    keywords: 'Escalation keywords',
    keywordsHint: 'A comment with any of them makes the callback urgent; one per line, blank for the built-in list.',
    recoverySurvey: 'Recovery survey',
    noRecovery: 'None',
    recoveryDelay: 'Recovery survey delay (minutes)',
  },
  save: 'Save',
  saved: 'Saved.',
  invalid: 'Some fields need fixing: see the notes beside them.',
}

export const brandTexts = (locale: Locale): BrandTexts => (locale === 'en' ? en : zhCN)
