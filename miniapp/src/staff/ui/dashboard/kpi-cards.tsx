import { Text, View } from '@tarojs/components'
import { hidden } from '../../../common/a11y'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import type { KpiView } from '../../model/insight-view'

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * The headline figures. The change arrow is drawn only when significant; its meaning is the text
 * beside it (so the glyph itself is hidden from screen readers), and without an arrow that text
 * says "no significant change".
 */
export function KpiCards({ texts, cards, loading }: { texts: DashboardTexts; cards: KpiView[]; loading: boolean }) {
  const list = cards.map((card) => {
    const content = (
      <>
        <Text className='db-kpi-title'>{card.title}</Text>
        <View className='db-kpi-figure'>
          <Text className='db-kpi-value' data-testid={`kpi-${card.id}-value`}>
            {card.value}
          </Text>
          {card.margin && (
            <Text className='db-kpi-margin' data-testid={`kpi-${card.id}-margin`}>
              {card.margin}
            </Text>
          )}
          {card.significance?.glyph && (
            <Text className={`db-arrow db-arrow-${card.significance.direction}`} data-testid={`kpi-${card.id}-arrow`} data-direction={card.significance.direction} {...hidden()}>
              {card.significance.glyph}
            </Text>
          )}
        </View>
        {card.significance && (
          <Text className={`db-kpi-change${card.significance.direction === 'none' ? ' sb-muted' : ` db-change-${card.significance.direction}`}`} data-testid={`kpi-${card.id}-change`} data-direction={card.significance.direction}>
            {card.significance.label}
          </Text>
        )}
        {card.detail && (
          <Text className='db-kpi-detail sb-muted' data-testid={`kpi-${card.id}-detail`}>
            {card.detail}
          </Text>
        )}
        {card.items?.length ? <KpiItems card={card} /> : null}
        {card.note && <Text className='db-kpi-note sb-muted'>{card.note}</Text>}
      </>
    )
    const cls = `db-kpi${card.smallBase ? ' is-small-base' : ''}`
    return isH5 ? (
      <li key={card.id} className={cls} data-testid={`kpi-${card.id}`} data-small-base={card.smallBase ? 'true' : 'false'}>
        {content}
      </li>
    ) : (
      <View key={card.id} className={cls} data-testid={`kpi-${card.id}`} {...({ ariaLabel: card.accessibleName } as object)}>
        {content}
      </View>
    )
  })
  return isH5 ? (
    <ul className='db-kpis' aria-label={texts.kpi.label} aria-busy={loading || undefined} data-testid='kpi-cards'>
      {list}
    </ul>
  ) : (
    <View className='db-kpis' data-testid='kpi-cards'>
      {list}
    </View>
  )
}

/** The lines under a figure (the response rate per channel): label, rate, answered/sent. */
function KpiItems({ card }: { card: KpiView }) {
  const items = (card.items ?? []).map((item) => {
    const content = (
      <>
        <Text className='db-kpi-item-label'>{item.label}</Text>
        <Text className='db-kpi-item-value' data-testid={`kpi-${card.id}-${item.id}`}>
          {item.value}
        </Text>
        <Text className='db-kpi-item-detail sb-muted'>{item.detail}</Text>
      </>
    )
    return isH5 ? (
      <li key={item.id} className='db-kpi-item'>
        {content}
      </li>
    ) : (
      <View key={item.id} className='db-kpi-item'>
        {content}
      </View>
    )
  })
  return isH5 ? <ul className='db-kpi-items'>{items}</ul> : <View className='db-kpi-items'>{items}</View>
}
