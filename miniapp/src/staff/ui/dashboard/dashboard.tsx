import { Text, View } from '@tarojs/components'
import { mayAdminister, type Locale } from '@xinsheng/shared'
import { useCallback, useEffect, useMemo, useRef } from 'react'
import { landmark } from '../../../common/a11y'
import { StaffHeader } from '../staff-header'
import { ActionButton } from '../../../common/controls'
import { adminShellTexts } from '../../model/admin-sections'
import { staffTextsFor } from '../../model/i18n'
import type { DashboardRoute } from '../../model/insight-scope'
import { kpiCards, leagueRows, loopItems, outcomesView, reasonBands, roxView, themeRows, trendView } from '../../model/insight-view'
import type { StaffSession } from '../../model/staff-session'
import { useDashboard } from '../../model/use-dashboard'
import { goToLogin, replaceAddress, setTitle, staffDeps, staffUrls, switchTo, useWideLayout } from '../../platform'
import { Card, SectionBody } from './card'
import { KpiCards } from './kpi-cards'
import { LeagueTable } from './league-table'
import { LoopBody, OutcomesBody, RoxBody } from './loop-outcomes'
import { PeriodPicker } from './period-picker'
import { ScopeCrumbs } from './scope-crumbs'
import { TrendChart } from './trend-chart'
import { ReasonsBody, ThemesBody } from './why-cards'


export interface DashboardProps {
  session: StaffSession
  locale: Locale
  lang?: string
  initial: DashboardRoute
  today: string
}

/**
 * How the stores, regions and people are doing: period and scope, KPI cards, trend, the league
 * table of the level below (tap to drill down), reasons and themes, the loop, X × O and the money.
 * Desktop (≥ 1024 px, h5): two columns under the KPI cards; a phone: one.
 */
export function Dashboard({ session, locale, lang, initial, today }: DashboardProps) {
  const texts = staffTextsFor(locale)
  const t = texts.dashboard
  const { insight, sessions } = staffDeps()
  const wide = useWideLayout()
  const hereRef = useRef('')
  const onSignedOut = useCallback(() => goToLogin(lang, hereRef.current, 'expired'), [lang])
  const model = useDashboard(session, initial, texts, today, { api: insight, sessions, onSignedOut })

  const here = staffUrls.dashboard(lang, model.route)
  hereRef.current = here
  // h5: the address follows the state (a reload or a copied link shows the same), in place.
  useEffect(() => replaceAddress(here), [here])
  useEffect(() => setTitle(t.title, locale), [t.title, locale])

  const kpis = useMemo(() => kpiCards({ nps: model.nps.value, csat: model.csat.value, loop: model.loop.value }, t), [model.nps.value, model.csat.value, model.loop.value, t])
  const level = model.level

  const trendCard = (
    <Card id='trend-title' title={t.trend.title} testId='trend-card' busy={model.trend.loading}>
      <SectionBody section={model.trend} texts={t}>
        {(value) => <TrendChart texts={t} view={trendView(value, t, locale)} grain={model.route.grain} onGrain={model.setGrain} />}
      </SectionBody>
    </Card>
  )
  // The level below, ranked (a staff member is the last level: no table).
  const tableLevel = level === 'staff' ? undefined : level
  const leagueCard = tableLevel && (
    <Card id='league-title' title={t.table.titles[tableLevel]} testId='league-card' busy={model.nps.loading}>
      <SectionBody section={model.nps} texts={t}>
        {(value) => <LeagueTable texts={t} rows={leagueRows(value, level, t, locale)} onOpen={(row) => model.drillInto({ key: row.key, label: row.name })} />}
      </SectionBody>
    </Card>
  )
  const reasonsCard = (
    <Card id='reasons-title' title={t.reasons.title} testId='reasons-card' busy={model.reasons.loading}>
      <SectionBody section={model.reasons} texts={t}>
        {(value) => <ReasonsBody texts={t} bands={reasonBands(value, t, locale)} />}
      </SectionBody>
    </Card>
  )
  const themesCard = (
    <Card id='themes-title' title={t.themes.title} testId='themes-card' busy={model.themes.loading}>
      <SectionBody section={model.themes} texts={t}>
        {(value) => <ThemesBody texts={t} rows={themeRows(value, t, locale)} />}
      </SectionBody>
    </Card>
  )
  const loopCard = (
    <Card id='loop-title' title={t.loop.title} testId='loop-card' busy={model.loop.loading}>
      <SectionBody section={model.loop} texts={t}>
        {(value) => <LoopBody items={loopItems(value, t)} />}
      </SectionBody>
    </Card>
  )
  const outcomesCard = (
    <Card id='outcomes-title' title={t.outcomes.title} testId='outcomes-card' busy={model.outcomes.loading}>
      <SectionBody section={model.outcomes} texts={t}>
        {(value) => <OutcomesBody texts={t} view={outcomesView(value, t)} />}
      </SectionBody>
    </Card>
  )
  const roxCard = (
    <Card id='rox-title' title={t.rox.title} testId='rox-card' busy={model.outcomes.loading}>
      <SectionBody section={model.outcomes} texts={t}>
        {(value) => <RoxBody texts={t} view={roxView(value, model.loop.value, t)} />}
      </SectionBody>
    </Card>
  )

  return (
    <View className={`sb-page db-page${wide ? ' sb-wide db-wide' : ''}`} data-testid='dashboard' data-layout={wide ? 'wide' : 'narrow'} data-level={level} data-busy={model.busy ? 'true' : 'false'} {...landmark('main')}>
      <StaffHeader title={t.title} session={session} texts={texts} lang={lang}>
        <ActionButton kind='link' onTap={() => switchTo(staffUrls.queue(lang))} testId='to-workbench'>
          {t.toWorkbench}
        </ActionButton>
        {mayAdminister(session.staff.role) && (
          <ActionButton kind='link' onTap={() => switchTo(staffUrls.admin(lang))} testId='to-admin'>
            {adminShellTexts(locale).title}
          </ActionButton>
        )}
        <ActionButton kind='link' onTap={model.refresh} busy={model.busy} testId='refresh-button'>
          {t.refresh}
        </ActionButton>
      </StaffHeader>
      <View className='sb-card db-controls'>
        <PeriodPicker texts={t} period={model.route.period} today={today} issue={model.customIssue} onPreset={model.choosePreset} onCustom={model.applyCustom} />
        <ScopeCrumbs texts={t} crumbs={model.crumbs} onUp={model.drillUpTo} />
      </View>
      <KpiCards texts={t} cards={kpis} loading={model.nps.loading || model.csat.loading || model.loop.loading} />
      {(model.nps.error || model.csat.error) && (
        <Text className='sb-error' data-testid='kpi-error'>
          {model.nps.error ?? model.csat.error}
        </Text>
      )}
      <View className='db-columns'>
        <View className='db-column'>
          {trendCard}
          {leagueCard}
          {loopCard}
        </View>
        <View className='db-column'>
          {reasonsCard}
          {themesCard}
          {outcomesCard}
          {roxCard}
        </View>
      </View>
    </View>
  )
}
