import { Text, View } from '@tarojs/components'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import type { LeagueRowView } from '../../model/insight-view'
import { Arrow } from './card'

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * The level below, ranked: name, n, NPS ± margin, an arrow against the rest when significant.
 * Small bases are grey and say so. A row drills down (a button on h5, a tappable row on weapp).
 */
export function LeagueTable({ texts, rows, onOpen }: { texts: DashboardTexts; rows: LeagueRowView[]; onOpen: (row: LeagueRowView) => void }) {
  if (rows.length === 0) {
    return (
      <Text className='sb-muted' data-testid='league-empty'>
        {texts.table.empty}
      </Text>
    )
  }
  const smallBaseTag = (row: LeagueRowView) =>
    row.smallBase && row.n > 0 ? (
      <Text className='db-tag' data-testid='small-base'>
        {texts.smallBase}
      </Text>
    ) : null
  if (isH5) {
    return (
      <>
        <table className='db-table' data-testid='league-table'>
          <thead>
            <tr>
              <th scope='col'>{texts.table.name}</th>
              <th scope='col' className='db-num'>
                {texts.table.n}
              </th>
              <th scope='col' className='db-num'>
                {texts.table.nps}
              </th>
              <th scope='col' className='db-center'>
                {texts.table.vsRest}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className={row.smallBase ? 'is-small-base' : undefined} data-testid='league-row' data-key={row.key} data-small-base={row.smallBase ? 'true' : 'false'}>
                <th scope='row' className='db-name'>
                  {row.drillable ? (
                    <button type='button' className='db-drill' onClick={() => onOpen(row)} data-testid='league-open'>
                      {row.name}
                    </button>
                  ) : (
                    row.name
                  )}
                  {smallBaseTag(row)}
                </th>
                <td className='db-num' data-testid='league-n'>
                  {row.nText}
                </td>
                <td className='db-num'>
                  <span data-testid='league-score'>{row.scoreText}</span>
                  {row.marginText && (
                    <span className='db-margin' data-testid='league-margin'>
                      {' '}
                      {row.marginText}
                    </span>
                  )}
                </td>
                <td className='db-center'>
                  {row.vsRest.direction === 'none' ? (
                    <span className='db-none' data-testid='league-arrow' data-direction='none' aria-label={row.vsRest.label} role='img'>
                      –
                    </span>
                  ) : (
                    <Arrow significance={row.vsRest} testId='league-arrow' />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <Text className='sb-muted sb-small'>{texts.table.sortNote}</Text>
      </>
    )
  }
  return (
    <>
      <View className='db-table' data-testid='league-table'>
        <View className='db-tr db-thead'>
          <Text className='db-td db-name'>{texts.table.name}</Text>
          <Text className='db-td db-num'>{texts.table.n}</Text>
          <Text className='db-td db-num'>{texts.table.nps}</Text>
          <Text className='db-td db-center'>{texts.table.vsRest}</Text>
        </View>
        {rows.map((row) => (
          <View
            key={row.key}
            className={`db-tr${row.smallBase ? ' is-small-base' : ''}`}
            data-testid='league-row'
            onClick={row.drillable ? () => onOpen(row) : undefined}
            {...({ ariaRole: row.drillable ? 'button' : undefined, ariaLabel: row.accessibleName } as object)}
          >
            <View className='db-td db-name'>
              <Text className={row.drillable ? 'db-drill' : undefined}>{row.name}</Text>
              {smallBaseTag(row)}
            </View>
            <Text className='db-td db-num'>{row.nText}</Text>
            <Text className='db-td db-num'>
              {row.scoreText}
              {row.marginText ? ` ${row.marginText}` : ''}
            </Text>
            <View className='db-td db-center'>{row.vsRest.direction === 'none' ? <Text className='db-none'>–</Text> : <Arrow significance={row.vsRest} testId='league-arrow' />}</View>
          </View>
        ))}
      </View>
      <Text className='sb-muted sb-small'>{texts.table.sortNote}</Text>
    </>
  )
}
