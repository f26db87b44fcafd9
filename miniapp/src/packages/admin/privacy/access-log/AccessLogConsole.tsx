import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PII_ACCESS_ACTIONS } from '@shared/schemas/access-log.schema'
import Chips from '../../../../components/Chips'
import ListFooter from '../../../../components/ListFooter'
import LogFilters, { ActorFilter, DateRangeFilter, FilterRow, SubjectFilter } from '../../../../components/LogFilters'
import { PageEmpty, PageError, PageLoading } from '../../../../components/PageState'
import { useLogSearch } from '../../../../hooks/useLogSearch'
import { PII_ACCESS_ACTION_LABELS } from '../../../../labels/privacy.admin.zh'
import {
  accessLogQueryOf,
  EMPTY_ACCESS_LOG_FILTERS,
  listAccessLog,
  touchedSubjectsQueryOf,
  type AccessLogFilters,
  type PiiAccessView,
} from '../../../../services/admin-privacy'
import { describeLogSearch } from '../../../../services/log-search'
import { ROUTES } from '../../../../routes'
import { useWideLayout } from '../../../../utils/layout'
import { AccessLogCard } from './AccessLogParts'
import AccessLogTable from './AccessLogTable'
import TouchedSubjects from './TouchedSubjects'

const PAGE_SIZE = 50
const ACTION_OPTIONS = [{ key: '', label: '全部操作' }, ...PII_ACCESS_ACTIONS.map((a) => ({ key: a, label: PII_ACCESS_ACTION_LABELS[a] }))]

function isAction(key: string): key is AccessLogFilters['action'] {
  return key === '' || (PII_ACCESS_ACTIONS as readonly string[]).includes(key)
}

/** What the shown rows were searched by, in words. */
function describe(filters: AccessLogFilters): string {
  return describeLogSearch(filters, { subject: () => '指定被查看人', action: (a) => PII_ACCESS_ACTION_LABELS[a] })
}

/**
 * 个人信息访问日志: every reveal of a badge photo or a full phone number,
 * every export and every dealer read, newest first. Search by who looked
 * (user id), whose data (phone or user id), action and days (Shanghai); a
 * name in a row narrows the search to that person. Keyset 加载更多. The log
 * is append-only: nothing here (or anywhere in the API) changes or deletes it.
 */
export default function AccessLogConsole() {
  const wide = useWideLayout()
  const { params } = useRouter()
  const [showTouched, setShowTouched] = useState(false)
  const logSearch = useLogSearch({
    empty: EMPTY_ACCESS_LOG_FILTERS,
    initial: () => ({ ...EMPTY_ACCESS_LOG_FILTERS, actor: params.actor ?? '', subject: params.subject ?? '' }),
    queryOf: accessLogQueryOf,
    fetchPage: (query, cursor) => listAccessLog(query, { cursor, limit: PAGE_SIZE }),
    idOf: (r: PiiAccessView) => r.id,
    wide,
    onNewSearch: () => setShowTouched(false),
  })
  const { form, applied, keyset, search } = logSearch
  const { key, list } = keyset
  const breach = touchedSubjectsQueryOf(applied.query)

  return (
    <View className='admin-privacy' data-testid='admin-access-log-page' data-wide={wide ? 'true' : 'false'}>
      <View className='admin-privacy__inner'>
        <View className='admin-privacy__toolbar'>
          <Text className='admin-privacy__heading'>个人信息访问日志</Text>
          <View className='admin-privacy__grow' />
          <Text className='admin-privacy__link' onClick={() => void Taro.redirectTo({ url: ROUTES.adminPrivacyRequests })} data-testid='admin-access-log-requests'>
            申请处理 ›
          </Text>
          <Text className='admin-privacy__link' onClick={() => void Taro.redirectTo({ url: ROUTES.adminAudit })} data-testid='admin-access-log-audit'>
            管理操作日志 ›
          </Text>
        </View>

        <Text className='admin-privacy__note' data-testid='admin-access-log-note'>
          本日志只能追加，任何人（包括管理员）都不能修改或删除。每次查看工牌照片、完整手机号，导出个人数据，以及经销商查看委托工单，都会自动记录操作人、被查看人、涉及的信息、目的和请求编号（《个人信息保护法》第五十一条、第五十四条）。
        </Text>

        <LogFilters search={logSearch} testIdPrefix='admin-access-log' applied={describe(applied.filters)}>
          <FilterRow>
            <ActorFilter />
            <SubjectFilter label='被查看人（手机号或用户 ID）' />
          </FilterRow>
          <DateRangeFilter />
          <Chips
            options={ACTION_OPTIONS}
            selected={[form.action]}
            onToggle={(k) => isAction(k) && search({ ...form, action: k })}
            scroll
            testId='admin-access-log-actions'
            optionTestId='admin-access-log-action-option'
          />
        </LogFilters>

        {breach && showTouched ? (
          <TouchedSubjects query={breach} onSubject={(subject) => search({ ...EMPTY_ACCESS_LOG_FILTERS, subject })} onClose={() => setShowTouched(false)} />
        ) : null}
        {breach && !showTouched ? (
          <View className='admin-privacy__toolbar'>
            <Button fill='outline' type='danger' size='small' onClick={() => setShowTouched(true)} data-testid='admin-access-log-breach'>
              列出此操作人在此期间接触过的所有人（泄露应急）
            </Button>
          </View>
        ) : null}
        {!breach ? (
          <Text className='admin-privacy__muted' data-testid='admin-access-log-breach-hint'>
            如需排查某个账号是否被滥用：填写操作人并选择起止日期，可列出其在此期间接触过个人信息的所有人。
          </Text>
        ) : null}

        {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
        {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void keyset.load()} /> : null}
        {list.phase === 'ready' && list.items.length === 0 ? (
          <PageEmpty title='没有符合条件的访问记录' description={key === '{}' ? undefined : '可放宽日期范围，或检查用户 ID、手机号是否正确'} />
        ) : null}
        {list.phase === 'ready' && list.items.length > 0 ? (
          <View data-testid='admin-access-log-list' data-count={list.items.length}>
            {wide ? (
              <AccessLogTable items={list.items} onActor={(actor) => search({ ...form, actor, subject: '' })} onSubject={(subject) => search({ ...form, subject, actor: '' })} />
            ) : (
              <View className='admin-privacy__cards'>
                {list.items.map((row) => (
                  <AccessLogCard
                    key={row.id}
                    row={row}
                    onActor={(actor) => search({ ...form, actor, subject: '' })}
                    onSubject={(subject) => search({ ...form, subject, actor: '' })}
                  />
                ))}
              </View>
            )}
          </View>
        ) : null}
        <ListFooter list={list} onMore={() => void keyset.more()} testId='admin-access-log-more' />
      </View>
    </View>
  )
}
