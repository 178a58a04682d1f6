import { Text, View } from '@tarojs/components'
import { Fragment } from 'react'
import { hidden } from '../../../common/a11y'
import { ActionButton } from '../../../common/controls'
import type { DashboardTexts } from '../../model/i18n/dashboard-texts'
import type { Crumb, ScopeLevel } from '../../model/insight-scope'

const isH5 = process.env.TARO_ENV === 'h5'

/** All stores › 华东 › 上海南京西路店 › 王: each crumb above the current one goes back up to it. */
export function ScopeCrumbs({ texts, crumbs, onUp }: { texts: DashboardTexts; crumbs: Crumb[]; onUp: (level: ScopeLevel) => void }) {
  const items = crumbs.map((crumb, i) => {
    const name = crumb.node?.label ?? texts.scope.all
    return (
      <Fragment key={crumb.level}>
        {i > 0 && (
          <Text className='db-crumb-sep' {...hidden()}>
            ›
          </Text>
        )}
        {crumb.current ? (
          <Text className='db-crumb db-crumb-current' data-testid={`crumb-${crumb.level}`} {...(isH5 ? { 'aria-current': 'page' } : {})}>
            {name}
          </Text>
        ) : (
          <ActionButton kind='link' onTap={() => onUp(crumb.level)} testId={`crumb-${crumb.level}`}>
            {name}
          </ActionButton>
        )}
      </Fragment>
    )
  })
  const label = (
    <Text id='scope-label' className='sb-label'>
      {texts.scope.label}
    </Text>
  )
  if (isH5) {
    return (
      <View className='db-scope'>
        {label}
        <nav className='db-crumbs' aria-labelledby='scope-label' data-testid='scope-crumbs'>
          {items}
        </nav>
      </View>
    )
  }
  return (
    <View className='db-scope'>
      {label}
      <View className='db-crumbs' data-testid='scope-crumbs'>
        {items}
      </View>
    </View>
  )
}
