import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PII_ACCESS_ACTIONS } from '@shared/schemas/access-log.schema'
import Chips from '../../../../components/Chips'
import ListFooter from '../../../../components/ListFooter'
import { PageEmpty, PageError, PageLoading } from '../../../../components/PageState'
import { useCursorLists } from '../../../../hooks/useCursorLists'
import { PII_ACCESS_ACTION_LABELS } from '../../../../labels/privacy.admin.zh'
import {
  accessLogQueryOf,
  EMPTY_ACCESS_LOG_FILTERS,
  listAccessLog,
  touchedSubjectsQueryOf,
  type AccessLogFilterErrors,
  type AccessLogFilters,
  type AccessLogQuery,
  type PiiAccessView,
} from '../../../../services/admin-privacy'
import { ROUTES } from '../../../../routes'
import DateInput from '../../gifts/edit/DateInput'
import { useWideLayout } from '../../../../utils/layout'
import { AccessLogCard } from './AccessLogParts'
import AccessLogTable from './AccessLogTable'
import TouchedSubjects from './TouchedSubjects'

const PAGE_SIZE = 50
const ACTION_OPTIONS = [{ key: '', label: '全部操作' }, ...PII_ACCESS_ACTIONS.map((a) => ({ key: a, label: PII_ACCESS_ACTION_LABELS[a] }))]

function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

function isAction(key: string): key is AccessLogFilters['action'] {
  return key === '' || (PII_ACCESS_ACTIONS as readonly string[]).includes(key)
}

/** What the shown rows were searched by, in words. */
function describe(filters: AccessLogFilters): string {
  const parts: string[] = []
  if (filters.actor.trim()) parts.push('指定操作人')
  if (filters.subject.trim()) parts.push('指定被查看人')
  if (filters.action) parts.push(PII_ACCESS_ACTION_LABELS[filters.action])
  if (filters.from || filters.to) parts.push(`${filters.from || '最早'} 至 ${filters.to || '今天'}`)
  return parts.length > 0 ? parts.join(' · ') : '全部记录'
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
  const [form, setForm] = useState<AccessLogFilters>(() => ({ ...EMPTY_ACCESS_LOG_FILTERS, actor: params.actor ?? '', subject: params.subject ?? '' }))
  const [errors, setErrors] = useState<AccessLogFilterErrors>({})
  const [applied, setApplied] = useState<{ filters: AccessLogFilters; query: AccessLogQuery }>(() => {
    const found = accessLogQueryOf(form)
    return found.query ? { filters: form, query: found.query } : { filters: EMPTY_ACCESS_LOG_FILTERS, query: {} }
  })

  const [showTouched, setShowTouched] = useState(false)
  const lists = useCursorLists<PiiAccessView>((key, cursor) => listAccessLog(JSON.parse(key) as AccessLogQuery, { cursor, limit: PAGE_SIZE }), (r) => r.id)
  const key = JSON.stringify(applied.query)
  const list = lists.get(key)

  useEffect(() => {
    if (list.phase === 'idle') void lists.load(key)
  }, [key, list.phase])
  usePullDownRefresh(() => {
    void lists.load(key, { quiet: true }).finally(() => Taro.stopPullDownRefresh())
  })
  useReachBottom(() => {
    if (!wide) void lists.loadMore(key)
  })

  /** Searches by these filters (the form shows them); a repeat of the shown search reloads it. */
  const search = (filters: AccessLogFilters) => {
    setForm(filters)
    const found = accessLogQueryOf(filters)
    if (found.errors) {
      setErrors(found.errors)
      return
    }
    setErrors({})
    const next = JSON.stringify(found.query)
    if (next === key) void lists.load(key, { quiet: true })
    else {
      lists.reset()
      setShowTouched(false)
      setApplied({ filters, query: found.query })
    }
  }
  const breach = touchedSubjectsQueryOf(applied.query)

  const change = (patch: Partial<AccessLogFilters>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((k) => [k === 'from' ? 'to' : k, undefined])) }))
  }

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

        <View className='admin-privacy-filters' data-testid='admin-access-log-filters'>
          <View className='admin-privacy-filters__row'>
            <View className='admin-privacy-filter'>
              <Text className='admin-privacy__label'>操作人（用户 ID）</Text>
              <View className={`admin-privacy__search${errors.actor ? ' admin-privacy__search--error' : ''}`} data-testid='admin-access-log-actor'>
                <Input
                  className='admin-privacy__search-input'
                  placeholder='如 0193…，点击表格中的姓名也可筛选'
                  maxlength={40}
                  value={form.actor}
                  onInput={(e) => change({ actor: e.detail.value })}
                  onConfirm={() => search(form)}
                />
              </View>
              {errors.actor ? (
                <Text className='admin-privacy__error' data-testid='admin-access-log-actor-error'>
                  {errors.actor}
                </Text>
              ) : null}
            </View>
            <View className='admin-privacy-filter'>
              <Text className='admin-privacy__label'>被查看人（手机号或用户 ID）</Text>
              <View className={`admin-privacy__search${errors.subject ? ' admin-privacy__search--error' : ''}`} data-testid='admin-access-log-subject'>
                <Input
                  className='admin-privacy__search-input'
                  placeholder='11 位手机号，或用户 ID'
                  maxlength={40}
                  value={form.subject}
                  onInput={(e) => change({ subject: e.detail.value })}
                  onConfirm={() => search(form)}
                />
              </View>
              {errors.subject ? (
                <Text className='admin-privacy__error' data-testid='admin-access-log-subject-error'>
                  {errors.subject}
                </Text>
              ) : null}
            </View>
          </View>
          <View className='admin-privacy-filters__row'>
            <View className='admin-privacy-filter'>
              <Text className='admin-privacy__label'>开始日期</Text>
              <DateInput value={form.from} onChange={(from) => search({ ...form, from })} placeholder='不限' label='开始日期' max={form.to || today()} testId='admin-access-log-from' />
            </View>
            <View className='admin-privacy-filter'>
              <Text className='admin-privacy__label'>结束日期</Text>
              <DateInput value={form.to} onChange={(to) => search({ ...form, to })} placeholder='不限' label='结束日期' min={form.from || undefined} max={today()} testId='admin-access-log-to' />
              {errors.to ? (
                <Text className='admin-privacy__error' data-testid='admin-access-log-to-error'>
                  {errors.to}
                </Text>
              ) : null}
            </View>
          </View>
          <Chips
            options={ACTION_OPTIONS}
            selected={[form.action]}
            onToggle={(k) => isAction(k) && search({ ...form, action: k })}
            scroll
            testId='admin-access-log-actions'
            optionTestId='admin-access-log-action-option'
          />
          <View className='admin-privacy-filters__buttons'>
            <Text className='admin-privacy__muted admin-privacy__grow' data-testid='admin-access-log-applied'>
              当前：{describe(applied.filters)}
            </Text>
            <Button fill='outline' size='small' onClick={() => search(EMPTY_ACCESS_LOG_FILTERS)} data-testid='admin-access-log-reset'>
              重置
            </Button>
            <Button type='primary' size='small' loading={list.refreshing} onClick={() => search(form)} data-testid='admin-access-log-search'>
              查询
            </Button>
          </View>
        </View>

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
        {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void lists.load(key)} /> : null}
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
        <ListFooter list={list} onMore={() => void lists.loadMore(key)} testId='admin-access-log-more' />
      </View>
    </View>
  )
}
