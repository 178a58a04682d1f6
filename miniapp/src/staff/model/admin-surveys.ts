import {
  ZSurveyDetail,
  ZSurveyDraft,
  ZSurveyList,
  ZSurveyPublished,
  type Locale,
  type LocalizedText,
  type ReasonOption,
  type ScoreBand,
  type SurveyDefinition,
  type SurveyDetail,
  type SurveyPublished,
  type SurveySummary,
} from '@xinsheng/shared'
import * as z from 'zod/mini'
import type { JsonCaller } from '../../common/http-json'
import { fieldErrorsFrom, type FieldErrors } from './admin-surveys-fields'

// ---------- API (parsed with the shared schemas) ----------

export async function listSurveys(caller: JsonCaller, token: string): Promise<SurveySummary[]> {
  return caller.parse(ZSurveyList, await caller.call('GET', '/v1/admin/surveys', token), 'GET /v1/admin/surveys').items
}

export async function readSurvey(caller: JsonCaller, token: string, surveyId: string): Promise<SurveyDetail> {
  const path = `/v1/admin/surveys/${encodeURIComponent(surveyId)}`
  return caller.parse(ZSurveyDetail, await caller.call('GET', path, token), `GET ${path}`)
}

/** `POST /v1/admin/surveys/{id}/versions` with the draft (the server numbers it and stays the judge). */
export async function publishDraft(caller: JsonCaller, token: string, surveyId: string, form: DraftForm): Promise<SurveyPublished> {
  const path = `/v1/admin/surveys/${encodeURIComponent(surveyId)}/versions`
  return caller.parse(ZSurveyPublished, await caller.call('POST', path, token, draftBody(form)), `POST ${path}`)
}

// ---------- the draft as the editor holds it ----------

export const BANDS: readonly ScoreBand[] = ['detractor', 'passive', 'promoter']

export interface OptionalQuestion {
  on: boolean
  question: LocalizedText
  required: boolean
}

/**
 * What the editor edits: a survey definition with its optional questions as switches (their texts
 * kept while switched off) and the comment's limit as typed.
 */
export interface DraftForm {
  title: LocalizedText
  nps: { question: LocalizedText; lowLabel: LocalizedText; highLabel: LocalizedText }
  csat: OptionalQuestion
  ces: OptionalQuestion
  reasons: { question: Record<ScoreBand, LocalizedText> } & Record<ScoreBand, ReasonOption[]>
  comment: { maxLength: string; placeholder: LocalizedText }
}

const t = (zh: string, en: string): LocalizedText => ({ 'zh-CN': zh, en })
/** What a switched-on question asks until the admin writes its own. */
const DEFAULT_CSAT = t('您对这次体验满意吗？', 'How satisfied were you with this visit?')
const DEFAULT_CES = t('这次办理是否省力？', 'How easy was it to get what you needed?')

/** The editor's starting point: the latest definition. */
export function formFromDefinition(def: SurveyDefinition): DraftForm {
  return {
    title: { ...def.title },
    nps: { question: { ...def.nps.question }, lowLabel: { ...def.nps.lowLabel }, highLabel: { ...def.nps.highLabel } },
    csat: { on: Boolean(def.csat), question: { ...(def.csat?.question ?? DEFAULT_CSAT) }, required: def.csat?.required ?? false },
    ces: { on: Boolean(def.ces), question: { ...(def.ces?.question ?? DEFAULT_CES) }, required: def.ces?.required ?? false },
    reasons: {
      question: { detractor: { ...def.reasons.question.detractor }, passive: { ...def.reasons.question.passive }, promoter: { ...def.reasons.question.promoter } },
      detractor: def.reasons.detractor.map(copyReason),
      passive: def.reasons.passive.map(copyReason),
      promoter: def.reasons.promoter.map(copyReason),
    },
    comment: { maxLength: String(def.comment.maxLength), placeholder: { ...def.comment.placeholder } },
  }
}

const copyReason = (r: ReasonOption): ReasonOption => ({ id: r.id, label: { ...r.label } })

/** A whole number as typed ("300"), NaN for anything else (the schema then names the field). */
export function typedInteger(text: string): number {
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN
}

/** The body to publish: the definition without surveyId, brandId and version (the route's and the server's). */
export function draftBody(form: DraftForm) {
  const optional = (q: OptionalQuestion, min: 1, max: 5 | 7) => (q.on ? { min, max, question: q.question, required: q.required } : undefined)
  return {
    title: form.title,
    nps: { min: 0 as const, max: 10 as const, ...form.nps },
    csat: optional(form.csat, 1, 5),
    ces: optional(form.ces, 1, 7),
    reasons: form.reasons,
    comment: { maxLength: typedInteger(form.comment.maxLength), placeholder: form.comment.placeholder },
  }
}

/**
 * The draft checked as the server will check it (the shared ZSurveyDraft), plus one rule the survey
 * needs and the schema leaves out: a band's reason ids are unique (the survey toggles reasons by id).
 * Errors by field path (`reasons.promoter.2.label.en`).
 */
export function validateDraft(form: DraftForm, locale: Locale): FieldErrors {
  const parsed = z.safeParse(ZSurveyDraft, draftBody(form))
  const errors: FieldErrors = parsed.success ? {} : fieldErrorsFrom(parsed.error.issues)
  for (const band of BANDS) {
    form.reasons[band].forEach((reason, i) => {
      const key = `reasons.${band}.${i}.id`
      if (!errors[key] && form.reasons[band].findIndex((r) => r.id === reason.id) < i) errors[key] = surveyTexts(locale).duplicateId
    })
  }
  return errors
}

/**
 * What the preview renders: the draft as a definition of the survey being edited, whatever its state
 * (a limit that is not a number previews as the largest allowed; the publish check names it).
 */
export function previewDefinition(form: DraftForm, base: Pick<SurveyDefinition, 'surveyId' | 'brandId' | 'version'>): SurveyDefinition {
  const body = draftBody(form)
  const maxLength = Number.isInteger(body.comment.maxLength) && body.comment.maxLength >= 1 ? Math.min(body.comment.maxLength, 500) : 500
  return {
    ...base,
    ...body,
    csat: body.csat && { ...body.csat, min: 1, max: 5 },
    ces: body.ces && { ...body.ces, min: 1, max: 7 },
    comment: { ...body.comment, maxLength },
  }
}

// ---------- edits (pure: each returns a new form) ----------

export type TextLang = keyof LocalizedText

/** Sets one localized text at a path of the form (`nps.question`, `reasons.question.passive`, `csat.question`…). */
export function setText(form: DraftForm, path: readonly string[], lang: TextLang, value: string): DraftForm {
  const next = structuredCloneForm(form)
  let target: Record<string, unknown> = next as unknown as Record<string, unknown>
  for (const key of path) target = target[key] as Record<string, unknown>
  target[lang] = value
  return next
}

export function setQuestion(form: DraftForm, which: 'csat' | 'ces', change: Partial<Pick<OptionalQuestion, 'on' | 'required'>>): DraftForm {
  return { ...form, [which]: { ...form[which], ...change } }
}

/** A new reason at the end of the band, with an id not yet used there (`reason_1`, `reason_2`…). */
export function addReason(form: DraftForm, band: ScoreBand): DraftForm {
  const used = new Set(form.reasons[band].map((r) => r.id))
  let n = form.reasons[band].length + 1
  while (used.has(`reason_${n}`)) n++
  return withReasons(form, band, [...form.reasons[band], { id: `reason_${n}`, label: t('', '') }])
}

export function removeReason(form: DraftForm, band: ScoreBand, index: number): DraftForm {
  return withReasons(form, band, form.reasons[band].filter((_, i) => i !== index))
}

export function editReason(form: DraftForm, band: ScoreBand, index: number, change: { id: string } | { lang: TextLang; label: string }): DraftForm {
  return withReasons(
    form,
    band,
    form.reasons[band].map((r, i) => (i !== index ? r : 'id' in change ? { ...r, id: change.id } : { ...r, label: { ...r.label, [change.lang]: change.label } })),
  )
}

export function setCommentLimit(form: DraftForm, maxLength: string): DraftForm {
  return { ...form, comment: { ...form.comment, maxLength } }
}

function withReasons(form: DraftForm, band: ScoreBand, list: ReasonOption[]): DraftForm {
  return { ...form, reasons: { ...form.reasons, [band]: list } }
}

function structuredCloneForm(form: DraftForm): DraftForm {
  return JSON.parse(JSON.stringify(form)) as DraftForm
}

/** A version's line in the list: `v3 · 2026-12-01 10:00 · admin` (the seed's versions have no date). */
export function versionLine(v: { version: number; publishedAt?: string; publishedBy?: string }, locale: Locale, time: (at: string) => string): string {
  const parts = [`v${v.version}`, v.publishedAt ? time(v.publishedAt) : surveyTexts(locale).unknownDate]
  if (v.publishedBy) parts.push(v.publishedBy)
  return parts.join(' · ')
}

// ---------- texts ----------

export interface SurveyEditorTexts {
  title: string
  empty: string
  open: string
  latest: (v: number) => string
  versions: string
  unknownDate: string
  editor: string
  langs: Record<TextLang, string>
  surveyTitle: string
  nps: { question: string; low: string; high: string }
  csat: { on: string; question: string; required: string }
  ces: { on: string; question: string; required: string }
  bands: Record<ScoreBand, string>
  reasonQuestion: string
  reasonId: string
  reasonLabel: string
  addReason: string
  removeReason: (id: string) => string
  noReasons: string
  commentLimit: string
  commentPlaceholder: string
  publish: string
  published: (v: number) => string
  invalid: string
  duplicateId: string
  preview: string
  previewNote: string
  previewStore: string
  previewWouldSend: string
  back: string
}

const zhCN: SurveyEditorTexts = {
  title: '问卷',
  empty: '还没有问卷。',
  open: '编辑',
  latest: (v) => `最新版本 v${v}`,
  versions: '版本',
  unknownDate: '日期未记录',
  editor: '草稿（从最新版本开始）',
  langs: { 'zh-CN': '中文', en: '英文' },
  surveyTitle: '问卷标题',
  nps: { question: 'NPS 问题', low: '0 分一端', high: '10 分一端' },
  csat: { on: '询问满意度（CSAT 1–5）', question: 'CSAT 问题', required: 'CSAT 必答' },
  ces: { on: '询问费力度（CES 1–7）', question: 'CES 问题', required: 'CES 必答' },
  bands: { detractor: '贬损者（0–6）', passive: '被动者（7–8）', promoter: '推荐者（9–10）' },
  reasonQuestion: '原因问题',
  reasonId: '原因 ID',
  reasonLabel: '原因名称',
  addReason: '添加原因',
  removeReason: (id) => `删除原因 ${id}`,
  noReasons: '这一组没有原因选项（不显示原因问题）。',
  commentLimit: '留言字数上限（1–500）',
  commentPlaceholder: '留言提示语',
  publish: '发布新版本',
  published: (v) => `已发布 v${v}。新的邀请使用此版本（各实例 30 秒内生效），已发出的邀请保留原版本。`,
  invalid: '草稿有误，请按字段旁的提示修改。',
  duplicateId: '同一组内原因 ID 不能重复',
  preview: '预览',
  previewNote: '用真实问卷组件渲染草稿；在这里作答不会提交。',
  previewStore: '示例门店',
  previewWouldSend: '预览：答案有效，正式问卷会在此提交。',
  back: '返回问卷列表',
}

const en: SurveyEditorTexts = {
  title: 'Surveys',
  empty: 'No surveys yet.',
  open: 'Edit',
  latest: (v) => `latest v${v}`,
  versions: 'Versions',
  unknownDate: 'date not recorded',
  editor: 'Draft (from the latest version)',
  langs: { 'zh-CN': 'Chinese', en: 'English' },
  surveyTitle: 'Survey title',
  nps: { question: 'NPS question', low: 'Label at 0', high: 'Label at 10' },
  csat: { on: 'Ask satisfaction (CSAT 1–5)', question: 'CSAT question', required: 'CSAT required' },
  ces: { on: 'Ask effort (CES 1–7)', question: 'CES question', required: 'CES required' },
  bands: { detractor: 'Detractors (0–6)', passive: 'Passives (7–8)', promoter: 'Promoters (9–10)' },
  reasonQuestion: 'Reason question',
  reasonId: 'Reason id',
  reasonLabel: 'Reason label',
  addReason: 'Add a reason',
  removeReason: (id) => `Remove reason ${id}`,
  noReasons: 'No reasons in this band (the reason question is not shown).',
  commentLimit: 'Comment length limit (1–500)',
  commentPlaceholder: 'Comment placeholder',
  publish: 'Publish a new version',
  published: (v) => `Published v${v}. New invitations use it (within 30 s on every instance); those already sent keep theirs.`,
  invalid: 'The draft has errors: see the notes beside the fields.',
  duplicateId: 'reason ids must differ within a band',
  preview: 'Preview',
  previewNote: 'The draft in the real survey components; answers here are not sent.',
  previewStore: 'Sample store',
  previewWouldSend: 'Preview: the answers are valid; the real survey would send them here.',
  back: 'Back to the surveys',
}

export const surveyTexts = (locale: Locale): SurveyEditorTexts => (locale === 'en' ? en : zhCN)

const LANG = '(\\.(zh-CN|en))?'
const SHOWN_SURVEY_PATHS = [
  new RegExp(`^(title|nps\\.(question|lowLabel|highLabel)|(csat|ces)\\.question|reasons\\.question\\.(detractor|passive|promoter)|comment\\.placeholder)${LANG}$`),
  new RegExp(`^reasons\\.(detractor|passive|promoter)(\\.\\d+\\.(id|label${LANG}))?$`),
  /^comment\.maxLength$/,
]

/** Whether the editor shows an error at this path beside an input (the rest are said at the publish button). */
export const surveyFieldShown = (key: string): boolean => SHOWN_SURVEY_PATHS.some((re) => re.test(key))
