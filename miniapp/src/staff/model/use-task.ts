import type { Assignee, AttemptResult, ResolveOutcome, TaskDetail } from '@xinsheng/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiError } from '../../common/api-error'
import { staffErrorMessage, type RootCause, type StaffTexts } from './i18n'
import { SignedOutError, withStaffToken } from './auth'
import { availableActions, type TaskActions } from './permissions'
import type { StaffApi } from './staff-api'
import type { StaffSession, StaffSessionStore } from './staff-session'

export type TaskStep = 'claim' | 'reveal' | 'attempt' | 'resolve' | 'reopen' | 'assign'
export type TaskField = 'attemptResult' | 'outcome' | 'rootCause' | 'assignTo'

export interface AttemptForm {
  result?: AttemptResult
  note: string
}
export interface ResolveForm {
  outcome?: ResolveOutcome
  rootCause?: RootCause
  note: string
}

export interface TaskDeps {
  api: Pick<StaffApi, 'getTask' | 'claim' | 'logAttempt' | 'revealPhone' | 'resolve' | 'reopen' | 'assignees' | 'assign'>
  sessions: StaffSessionStore
  onSignedOut: () => void
  /** A step changed the task (the queue shows it differently now). */
  onChanged?: (task: TaskDetail) => void
  /**
   * The task could not be read because it is not there for this staff member (404; 403). Answer
   * true to take it away instead of showing the error (an id from the address that is not theirs).
   */
  onUnavailable?: (taskId: string) => boolean
}

export interface TaskModel {
  phase: 'idle' | 'loading' | 'ready' | 'error'
  task?: TaskDetail
  /** Why the task could not be read. */
  error?: string
  /** Why the last step failed (a 409 names the conflict). */
  stepError?: string
  busy?: TaskStep
  /** The last step that went through, for a short confirmation. */
  done?: TaskStep
  /** The full number after "reveal phone" (the reveal is on the task's timeline). */
  phone?: string
  actions: TaskActions
  attempt: AttemptForm
  resolution: ResolveForm
  /** The chosen staff id for a reassign. */
  assignTo: string
  /** Who the task can be handed to, once read (only for roles that may reassign); the assignee is left out. */
  assignees?: Assignee[]
  /** Why that list could not be read. */
  assigneesError?: string
  reopenNote: string
  fieldErrors: Partial<Record<TaskField, string>>
  setAttempt(patch: Partial<AttemptForm>): void
  setResolution(patch: Partial<ResolveForm>): void
  setAssignTo(value: string): void
  setReopenNote(value: string): void
  reload(): void
  claim(): void
  /** Resolves with the number (the page dials it in weapp), or undefined when the reveal failed. */
  reveal(): Promise<string | undefined>
  logAttempt(): void
  resolve(): void
  reopen(): void
  assign(): void
}

const NO_ACTIONS: TaskActions = { claim: false, call: false, attempt: false, resolve: false, reopen: false, assign: false }
const EMPTY_ATTEMPT: AttemptForm = { note: '' }
const EMPTY_RESOLUTION: ResolveForm = { note: '' }

/** One task in the task pane: read it, then the agent's steps, each answered with the task as it is now. */
export function useTask(session: StaffSession, taskId: string | undefined, texts: StaffTexts, deps: TaskDeps): TaskModel {
  const { api, sessions, onSignedOut, onChanged } = deps
  const [phase, setPhase] = useState<TaskModel['phase']>(taskId ? 'loading' : 'idle')
  const [task, setTask] = useState<TaskDetail>()
  const [error, setError] = useState<string>()
  const [stepError, setStepError] = useState<string>()
  const [busy, setBusy] = useState<TaskStep>()
  const [done, setDone] = useState<TaskStep>()
  const [phone, setPhone] = useState<string>()
  const [attempt, setAttemptState] = useState<AttemptForm>(EMPTY_ATTEMPT)
  const [resolution, setResolutionState] = useState<ResolveForm>(EMPTY_RESOLUTION)
  const [assignTo, setAssignTo] = useState('')
  const [candidates, setCandidates] = useState<{ taskId: string; items?: Assignee[]; error?: string }>()
  const [reopenNote, setReopenNote] = useState('')
  const [fieldErrors, setFieldErrors] = useState<TaskModel['fieldErrors']>({})
  const current = useRef(taskId)
  current.current = taskId
  const busyRef = useRef(false)
  const textsRef = useRef(texts)
  textsRef.current = texts
  const changedRef = useRef(onChanged)
  changedRef.current = onChanged
  const unavailableRef = useRef(deps.onUnavailable)
  unavailableRef.current = deps.onUnavailable

  const authorized = useCallback(<T,>(fn: (token: string) => Promise<T>) => withStaffToken(session, sessions, onSignedOut, fn), [session, sessions, onSignedOut])

  const load = useCallback(
    async (id: string, quiet = false) => {
      if (!quiet) setPhase('loading')
      try {
        const detail = await authorized((token) => api.getTask(token, id))
        if (current.current !== id) return
        setTask(detail)
        setError(undefined)
        setPhase('ready')
      } catch (failure) {
        if (failure instanceof SignedOutError || current.current !== id) return
        const unavailable = failure instanceof ApiError && (failure.status === 404 || failure.status === 403)
        if (!quiet && unavailable && unavailableRef.current?.(id)) return
        setError(staffErrorMessage(failure, textsRef.current))
        if (!quiet) setPhase('error')
      }
    },
    [api, authorized],
  )

  useEffect(() => {
    setTask(undefined)
    setPhone(undefined)
    setStepError(undefined)
    setDone(undefined)
    setAttemptState(EMPTY_ATTEMPT)
    setResolutionState(EMPTY_RESOLUTION)
    setAssignTo('')
    setReopenNote('')
    setFieldErrors({})
    if (!taskId) {
      setPhase('idle')
      return
    }
    void load(taskId)
  }, [taskId, load])

  /** Runs one step; only one at a time. The answer replaces the task; a conflict is explained and the task re-read. */
  const step = useCallback(
    async <T,>(name: TaskStep, fn: (token: string, id: string) => Promise<T>, after: (result: T) => void): Promise<T | undefined> => {
      const id = current.current
      if (!id || busyRef.current) return undefined
      busyRef.current = true
      setBusy(name)
      setStepError(undefined)
      setDone(undefined)
      try {
        const result = await authorized((token) => fn(token, id))
        if (current.current !== id) return undefined
        after(result)
        setDone(name)
        return result
      } catch (failure) {
        if (failure instanceof SignedOutError || current.current !== id) return undefined
        setStepError(staffErrorMessage(failure, textsRef.current))
        // Somebody else changed the task (a 409): show it as it is now.
        void load(id, true)
        return undefined
      } finally {
        busyRef.current = false
        setBusy(undefined)
      }
    },
    [authorized, load],
  )

  const changed = useCallback((detail: TaskDetail) => {
    setTask(detail)
    changedRef.current?.(detail)
  }, [])

  const actions = task ? availableActions(task, session.staff) : NO_ACTIONS
  const t = texts.actions

  // The reassign choices: read once per task, when the role may reassign it.
  const mayAssign = actions.assign
  useEffect(() => {
    if (!taskId || !mayAssign || candidates?.taskId === taskId) return
    setCandidates({ taskId })
    authorized((token) => api.assignees(token, taskId)).then(
      (items) => setCandidates((c) => (c?.taskId === taskId ? { taskId, items } : c)),
      (failure) => {
        if (failure instanceof SignedOutError) return
        setCandidates((c) => (c?.taskId === taskId ? { taskId, error: staffErrorMessage(failure, textsRef.current) } : c))
      },
    )
  }, [taskId, mayAssign, candidates?.taskId, api, authorized])
  const shown = candidates?.taskId === taskId ? candidates : undefined

  return {
    phase,
    task,
    error,
    stepError,
    busy,
    done,
    phone,
    actions,
    attempt,
    resolution,
    assignTo,
    assignees: shown?.items?.filter((candidate) => candidate.staffId !== task?.assignee),
    assigneesError: shown?.error,
    reopenNote,
    fieldErrors,
    setAttempt: useCallback((patch: Partial<AttemptForm>) => {
      setAttemptState((f) => ({ ...f, ...patch }))
      if (patch.result) setFieldErrors((e) => ({ ...e, attemptResult: undefined }))
    }, []),
    setResolution: useCallback((patch: Partial<ResolveForm>) => {
      setResolutionState((f) => ({ ...f, ...patch }))
      setFieldErrors((e) => ({ ...e, ...(patch.outcome ? { outcome: undefined } : {}), ...(patch.rootCause ? { rootCause: undefined } : {}) }))
    }, []),
    setAssignTo: useCallback((value: string) => {
      setAssignTo(value)
      setFieldErrors((e) => ({ ...e, assignTo: undefined }))
    }, []),
    setReopenNote,
    reload: useCallback(() => {
      if (current.current) void load(current.current)
    }, [load]),
    claim: () => void step('claim', (token, id) => api.claim(token, id), changed),
    reveal: async () => {
      const revealed = await step('reveal', (token, id) => api.revealPhone(token, id), (r) => setPhone(r.phone))
      if (!revealed) return undefined
      // The reveal is now on the timeline: read the task again to show it.
      if (current.current) void load(current.current, true)
      return revealed.phone
    },
    logAttempt: () => {
      if (!attempt.result) {
        setFieldErrors((e) => ({ ...e, attemptResult: t.resultRequired }))
        return
      }
      const request = { result: attempt.result, ...(attempt.note.trim() ? { note: attempt.note.trim() } : {}) }
      void step('attempt', (token, id) => api.logAttempt(token, id, request), (detail) => {
        changed(detail)
        setAttemptState(EMPTY_ATTEMPT)
      })
    },
    resolve: () => {
      const errors = { ...(resolution.outcome ? {} : { outcome: t.outcomeRequired }), ...(resolution.rootCause ? {} : { rootCause: t.rootCauseRequired }) }
      if (!resolution.outcome || !resolution.rootCause) {
        setFieldErrors((e) => ({ ...e, ...errors }))
        return
      }
      const request = { outcome: resolution.outcome, rootCause: resolution.rootCause, ...(resolution.note.trim() ? { note: resolution.note.trim() } : {}) }
      void step('resolve', (token, id) => api.resolve(token, id, request), (detail) => {
        changed(detail)
        setResolutionState(EMPTY_RESOLUTION)
        setPhone(undefined)
      })
    },
    reopen: () => {
      const request = reopenNote.trim() ? { note: reopenNote.trim() } : {}
      void step('reopen', (token, id) => api.reopen(token, id, request), (detail) => {
        changed(detail)
        setReopenNote('')
      })
    },
    assign: () => {
      const staffId = assignTo
      if (!staffId) {
        setFieldErrors((e) => ({ ...e, assignTo: t.assigneeRequired }))
        return
      }
      void step('assign', (token, id) => api.assign(token, id, { staffId }), (detail) => {
        changed(detail)
        setAssignTo('')
      })
    },
  }
}
