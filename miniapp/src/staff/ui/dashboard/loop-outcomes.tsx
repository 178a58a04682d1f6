import { Text, View } from '@tarojs/components'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import type { LoopItemView, OutcomesView, RoxView } from '../../model/insight-view'

const isH5 = process.env.TARO_ENV === 'h5'

/** The loop's figures as label / value pairs (a description list on h5). */
export function LoopBody({ items }: { items: LoopItemView[] }) {
  const pairs = items.map((item) =>
    isH5 ? (
      <div key={item.id} className='db-stat' data-testid={`loop-${item.id}`}>
        <dt className='db-stat-label'>{item.label}</dt>
        <dd className='db-stat-value'>
          {item.value}
          {item.detail && <span className='db-stat-detail'>{item.detail}</span>}
        </dd>
      </div>
    ) : (
      <View key={item.id} className='db-stat' data-testid={`loop-${item.id}`}>
        <Text className='db-stat-label'>{item.label}</Text>
        <Text className='db-stat-value'>{item.value}</Text>
        {item.detail && <Text className='db-stat-detail'>{item.detail}</Text>}
      </View>
    ),
  )
  return isH5 ? <dl className='db-stats'>{pairs}</dl> : <View className='db-stats'>{pairs}</View>
}

/** A small table of figures: a real <table> on h5 (headers named), rows of cells on weapp. */
function FigureTable({ caption, head, rows, testId }: { caption: string; head: string[]; rows: { key: string; cells: string[]; smallBase: boolean }[]; testId: string }) {
  if (isH5) {
    return (
      <table className='db-table' data-testid={testId}>
        <caption className='db-caption'>{caption}</caption>
        <thead>
          <tr>
            {head.map((h, i) => (
              <th key={h} scope='col' className={i ? 'db-num' : undefined}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} className={row.smallBase ? 'is-small-base' : undefined} data-small-base={row.smallBase ? 'true' : 'false'}>
              <th scope='row' className='db-name'>
                {row.cells[0]}
              </th>
              {row.cells.slice(1).map((cell, i) => (
                <td key={i} className='db-num'>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    )
  }
  return (
    <View className='db-table' data-testid={testId}>
      <Text className='db-caption'>{caption}</Text>
      <View className='db-tr db-thead'>
        {head.map((h, i) => (
          <Text key={h} className={`db-td ${i ? 'db-num' : 'db-name'}`}>
            {h}
          </Text>
        ))}
      </View>
      {rows.map((row) => (
        <View key={row.key} className={`db-tr${row.smallBase ? ' is-small-base' : ''}`}>
          {row.cells.map((cell, i) => (
            <Text key={i} className={`db-td ${i ? 'db-num' : 'db-name'}`}>
              {cell}
            </Text>
          ))}
        </View>
      ))}
    </View>
  )
}

/** X × O: NPS by order value, repeat purchase by NPS group; small bases grey and labelled. */
export function OutcomesBody({ texts, view }: { texts: DashboardTexts; view: OutcomesView }) {
  const tag = (small: boolean) => (small ? ` (${texts.smallBase})` : '')
  return (
    <>
      <FigureTable
        caption={texts.outcomes.byOrderValue}
        head={[texts.outcomes.orderValue, texts.table.n, texts.table.nps]}
        rows={view.byOrderValue.map((r) => ({ key: r.band, cells: [`${r.label}${tag(r.smallBase)}`, r.nText, r.scoreText], smallBase: r.smallBase }))}
        testId='order-value-table'
      />
      <FigureTable
        caption={texts.outcomes.repeat}
        head={[texts.outcomes.npsBand, texts.outcomes.customers, texts.outcomes.within30, texts.outcomes.within90]}
        rows={view.repeat.map((r) => ({ key: r.band, cells: [`${r.label}${tag(r.smallBase)}`, r.customersText, r.within30, r.within90], smallBase: r.smallBase }))}
        testId='repeat-table'
      />
    </>
  )
}

/** The money, each figure with its arithmetic under it and the assumptions beside them. */
export function RoxBody({ texts, view }: { texts: DashboardTexts; view: RoxView }) {
  if (view.kind === 'missing') {
    return (
      <Text className='sb-muted' data-testid='rox-missing'>
        {view.text}
      </Text>
    )
  }
  return (
    <View className={`db-rox${view.smallBase ? ' is-small-base' : ''}`} data-testid='rox'>
      <View className='db-rox-figures'>
        <View className='db-rox-figure'>
          <Text className='db-stat-label'>{texts.rox.atRisk}</Text>
          <Text className='db-rox-value' data-testid='rox-at-risk'>
            {view.atRisk}
          </Text>
          <Text className='db-stat-detail'>{view.atRiskFormula}</Text>
        </View>
        {view.wonBack && (
          <View className='db-rox-figure'>
            <Text className='db-stat-label'>{texts.rox.wonBack}</Text>
            <Text className='db-rox-value' data-testid='rox-won-back'>
              {view.wonBack}
            </Text>
            <Text className='db-stat-detail'>{view.wonBackFormula}</Text>
          </View>
        )}
      </View>
      {view.noGap && <Text className='sb-muted sb-small'>{texts.rox.noGap}</Text>}
      {view.smallBase && <Text className='db-tag'>{texts.smallBaseNote}</Text>}
      <View className='db-assumptions' data-testid='rox-assumptions'>
        <Text className='db-examples-title' {...(isH5 ? { role: 'heading', 'aria-level': 3 } : {})}>
          {texts.rox.assumptionsTitle}
        </Text>
        {isH5 ? (
          <ul className='db-assumption-list'>
            {view.assumptions.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        ) : (
          view.assumptions.map((a) => (
            <Text key={a} className='db-assumption'>
              {`· ${a}`}
            </Text>
          ))
        )}
      </View>
    </View>
  )
}
