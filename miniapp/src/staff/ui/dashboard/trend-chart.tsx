import { Text, View } from '@tarojs/components'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import { TREND_GRAINS, type TrendGrain } from '../../model/insight-period'
import type { TrendView } from '../../model/insight-view'
import { RadioChips } from '../fields'
import { Drawing, ScreenReaderText } from './card'

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * NPS over time as hand-drawn bars (Views, no chart library): a zero line across the middle,
 * positive scores up in green, negative down in red, small bases grey. Each bar's figures are text
 * for screen readers; the drawing itself is hidden from them.
 */
export function TrendChart({ texts, view, grain, onGrain }: { texts: DashboardTexts; view: TrendView; grain: TrendGrain; onGrain: (grain: TrendGrain) => void }) {
  // Every bar has its figures for a screen reader; only some have a visible date under them.
  const labelEvery = Math.max(1, Math.ceil(view.bars.length / 7))
  const bars = view.bars.map((bar, i) => {
    const cls = `db-bar${bar.smallBase ? ' is-small-base' : ''}${bar.above ? ' is-up' : ' is-down'}`
    const body = (
      <>
        <ScreenReaderText>{bar.accessibleText}</ScreenReaderText>
        <Drawing className='db-bar-half db-bar-top'>{bar.above && bar.score !== null && <View className='db-bar-fill' style={{ height: `${bar.heightPct}%` }} />}</Drawing>
        <Drawing className='db-bar-half db-bar-bottom'>{!bar.above && <View className='db-bar-fill' style={{ height: `${bar.heightPct}%` }} />}</Drawing>
        <Drawing className='db-bar-axis'>{i % labelEvery === 0 ? <Text>{bar.axisLabel}</Text> : null}</Drawing>
      </>
    )
    return isH5 ? (
      <li key={bar.key} className={cls} data-testid='trend-bar' data-key={bar.key} data-small-base={bar.smallBase ? 'true' : 'false'}>
        {body}
      </li>
    ) : (
      <View key={bar.key} className={cls} data-testid='trend-bar'>
        {body}
      </View>
    )
  })
  return (
    <>
      <View className='db-row'>
        <Text id='trend-grain-label' className='sb-label'>
          {texts.trend.grainLabel}
        </Text>
        <RadioChips name='trend-grain' labelledBy='trend-grain-label' options={TREND_GRAINS.map((g) => ({ value: g, label: texts.trend.grains[g] }))} value={grain} onSelect={onGrain} testId='trend-grain' testPrefix='grain' />
      </View>
      {view.bars.length === 0 || view.bars.every((b) => b.score === null) ? (
        <Text className='sb-muted' data-testid='trend-empty'>
          {texts.trend.empty}
        </Text>
      ) : (
        <>
          {isH5 ? (
            <ul className='db-chart' aria-label={`${texts.trend.title}${texts.sep}${view.scaleText}`} data-testid='trend-chart'>
              {bars}
            </ul>
          ) : (
            <View className='db-chart' data-testid='trend-chart'>
              {bars}
            </View>
          )}
          <Text className='sb-muted sb-small db-legend'>
            {view.scaleText} · <Text className='db-swatch db-swatch-small' /> {texts.smallBase}
          </Text>
        </>
      )}
    </>
  )
}
