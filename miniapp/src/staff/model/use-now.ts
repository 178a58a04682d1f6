import { useEffect, useState } from 'react'
import { systemTimers, type Timers } from '../../common/ports'

/** The time, refreshed every `everyMs` (the queue's countdowns tick with it). */
export function useNow(timers: Timers = systemTimers, everyMs = 1000): number {
  const [now, setNow] = useState(() => timers.now())
  useEffect(() => {
    let handle: unknown
    const tick = () => {
      setNow(timers.now())
      // Aligned to the next whole second, so every countdown on the screen changes together.
      handle = timers.setTimeout(tick, everyMs - (timers.now() % everyMs) || everyMs)
    }
    handle = timers.setTimeout(tick, everyMs - (timers.now() % everyMs) || everyMs)
    return () => timers.clearTimeout(handle)
  }, [timers, everyMs])
  return now
}
