/**
 * Landmark and heading roles for h5 (axe wants a main landmark and a level-one heading).
 * Taro's h5 View/Text render <div>/<span> and pass these through; a WeChat view has no such
 * attributes, so the weapp build gets nothing.
 */
export function landmark(role: 'main' | 'status' | 'alert' | 'region', label?: string): object {
  if (process.env.TARO_ENV !== 'h5') return {}
  return label ? { role, 'aria-label': label } : { role }
}

export function heading(level: 1 | 2): object {
  if (process.env.TARO_ENV !== 'h5') return {}
  return { role: 'heading', 'aria-level': level }
}

export function hidden(): object {
  return process.env.TARO_ENV === 'h5' ? { 'aria-hidden': true } : { ariaHidden: true }
}
