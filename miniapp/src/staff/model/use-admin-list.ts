import { useCallback, useEffect, useRef, useState } from 'react'
import { SignedOutError } from './auth'

export interface AdminPage<T> {
  items: T[]
  nextCursor?: string | null
}

export interface AdminList<T> {
  items: T[]
  loading: boolean
  /** What went wrong with the last read (the rows already read stay). */
  error?: string
  hasMore: boolean
  loadMore(): void
  /** From the first page again (after a change). */
  reload(): void
}

/**
 * A paged admin list (stores, staff, audit, deliveries): the first page on mount and on `reload`,
 * the next one on `loadMore`, appended. A failure keeps what is shown and says why (`describe`);
 * an ended session (SignedOutError) is the page's to handle and says nothing here.
 */
export function useAdminList<T>(load: (cursor?: string) => Promise<AdminPage<T>>, describe: (error: unknown) => string): AdminList<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null | undefined>(undefined)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string>()
  const generation = useRef(0)
  const read = useCallback(
    (from: string | undefined, append: boolean) => {
      const mine = ++generation.current
      setLoading(true)
      load(from).then(
        (page) => {
          if (mine !== generation.current) return
          setItems((shown) => (append ? [...shown, ...page.items] : page.items))
          setCursor(page.nextCursor ?? null)
          setError(undefined)
          setLoading(false)
        },
        (failure: unknown) => {
          if (mine !== generation.current) return
          setLoading(false)
          if (!(failure instanceof SignedOutError)) setError(describe(failure))
        },
      )
    },
    [load, describe],
  )
  useEffect(() => read(undefined, false), [read])
  return {
    items,
    loading,
    error,
    hasMore: typeof cursor === 'string' && cursor.length > 0,
    loadMore: () => {
      if (typeof cursor === 'string' && !loading) read(cursor, true)
    },
    reload: () => read(undefined, false),
  }
}
