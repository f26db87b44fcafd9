import { useEffect, useState } from 'react'
import Taro, { usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro'
import { Input, Picker, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import ConsoleTable, { type Column } from '../../../components/ConsoleTable'
import { PageEmpty, PageError, PageLoading } from '../../../components/PageState'
import { useCursorLists } from '../../../hooks/useCursorLists'
import { auditActionLabel, auditFamilyLabel } from '../../../labels/audit-actions.zh'
import { ROLE_LABELS } from '../../../labels/privacy.admin.zh'
import {
  actionOptions,
  auditActorLine,
  auditQueryOf,
  auditSubjectLine,
  EMPTY_AUDIT_FILTERS,
  listAudit,
  type AuditFilterErrors,
  type AuditFilters,
  type AuditSearch,
  type AuditView,
} from '../../../services/admin-audit'
import { ROUTES } from '../../../routes'
import { formatShanghai } from '../../../utils/format'
import { useWideLayout } from '../../../utils/layout'
import DateInput from '../gifts/edit/DateInput'

const PAGE_SIZE = 50

function today(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10)
}

function actionText(action: string): string {
  return action.endsWith('.') ? auditFamilyLabel(action) : auditActionLabel(action)
}

/** What the shown rows were searched by, in words. */
function describe(filters: AuditFilters): string {
  const parts: string[] = []
  if (filters.actor.trim()) parts.push('指定操作人')
  if (filters.subject.trim()) parts.push(/^[\d\s+-]+$/.test(filters.subject.trim()) ? `对象手机号 ${filters.subject.trim()}` : '指定对象')
  if (filters.action) parts.push(actionText(filters.action))
  if (filters.from || filters.to) parts.push(`${filters.from || '最早'} 至 ${filters.to || '今天'}`)
  return parts.length > 0 ? parts.join(' · ') : '全部记录'
}

/**
 * 管理操作日志 (审计日志): every admin action — reviews, grants, account
 * changes, gifts and orders, privacy requests — newest first, with who did it,
 * to whom, why and the request id. Search by action (or a family of actions),
 * the person concerned (phone or user id), who acted and days (Shanghai); a
 * name in a row narrows the search to that person. Keyset 加载更多. Append
 * only: nothing here or in the API changes or deletes it. Sibling of
 * 个人信息访问日志.
 */
export default function AuditConsole() {
  const wide = useWideLayout()
  const { params } = useRouter()
  const [form, setForm] = useState<AuditFilters>(() => ({ ...EMPTY_AUDIT_FILTERS, actor: params.actor ?? '', subject: params.subject ?? '', action: params.action ?? '' }))
  const [errors, setErrors] = useState<AuditFilterErrors>({})
  const [applied, setApplied] = useState<{ filters: AuditFilters; query: AuditSearch }>(() => {
    const found = auditQueryOf(form)
    return found.query ? { filters: form, query: found.query } : { filters: EMPTY_AUDIT_FILTERS, query: {} }
  })
  const [actions, setActions] = useState<string[]>([])

  const lists = useCursorLists<AuditView>(async (key, cursor) => {
    const page = await listAudit(JSON.parse(key) as AuditSearch, { cursor, limit: PAGE_SIZE })
    if (page.actions.length > 0) setActions(page.actions)
    return page
  }, (r) => r.id)
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
  const search = (filters: AuditFilters) => {
    setForm(filters)
    const found = auditQueryOf(filters)
    if (found.errors) {
      setErrors(found.errors)
      return
    }
    setErrors({})
    const next = JSON.stringify(found.query)
    if (next === key) void lists.load(key, { quiet: true })
    else {
      lists.reset()
      setApplied({ filters, query: found.query })
    }
  }

  const change = (patch: Partial<AuditFilters>) => {
    setForm((f) => ({ ...f, ...patch }))
    setErrors((e) => ({ ...e, ...Object.fromEntries(Object.keys(patch).map((k) => [k === 'from' ? 'to' : k, undefined])) }))
  }

  const options = actionOptions(actions, form.action)
  const actionIndex = Math.max(0, options.findIndex((o) => o.key === form.action))
  const byActor = (id: string) => search({ ...form, actor: id, subject: '' })
  const bySubject = (id: string) => search({ ...form, subject: id, actor: '' })

  const columns: Column<AuditView>[] = [
    {
      key: 'time',
      title: '时间',
      render: (r) => (
        <Text className='admin-audit__nowrap' data-testid='admin-audit-time'>
          {formatShanghai(r.createdAt)}
        </Text>
      ),
    },
    {
      key: 'action',
      title: '操作',
      render: (r) => (
        <Text className='admin-audit__strong' data-testid='admin-audit-action-text' data-action={r.action}>
          {auditActionLabel(r.action)}
        </Text>
      ),
    },
    {
      key: 'actor',
      title: '操作人',
      render: (r) =>
        r.actor ? (
          <View className='admin-audit__stack'>
            <Text
              className='admin-audit__link'
              onClick={(e) => {
                e.stopPropagation()
                byActor(r.actor!.id)
              }}
              data-testid='admin-audit-actor-name'
              data-id={r.actor.id}
            >
              {auditActorLine(r, ROLE_LABELS)}
            </Text>
            <Text className='admin-audit__muted admin-audit__mono admin-audit__id'>{r.actor.id}</Text>
          </View>
        ) : (
          <Text data-testid='admin-audit-actor-name'>{auditActorLine(r, ROLE_LABELS)}</Text>
        ),
    },
    {
      key: 'subject',
      title: '对象',
      render: (r) =>
        r.subject ? (
          <View className='admin-audit__stack'>
            <Text
              className='admin-audit__link'
              onClick={(e) => {
                e.stopPropagation()
                bySubject(r.subject!.id)
              }}
              data-testid='admin-audit-subject-name'
              data-id={r.subject.id}
            >
              {auditSubjectLine(r)}
            </Text>
            <Text className='admin-audit__muted admin-audit__mono admin-audit__id'>{r.subject.id}</Text>
          </View>
        ) : (
          <Text data-testid='admin-audit-subject-name'>{auditSubjectLine(r)}</Text>
        ),
    },
    {
      key: 'reason',
      title: '原因',
      render: (r) => (
        <Text className='admin-audit__reason' data-testid='admin-audit-reason'>
          {r.reason ?? '—'}
        </Text>
      ),
    },
    {
      key: 'request',
      title: '请求号',
      render: (r) => (
        <Text className='admin-audit__mono admin-audit__id' data-testid='admin-audit-request-id'>
          {r.requestId ?? '—'}
        </Text>
      ),
    },
  ]

  return (
    <View className='admin-audit' data-testid='admin-audit-page' data-wide={wide ? 'true' : 'false'}>
      <View className='admin-audit__inner'>
        <View className='admin-audit__toolbar'>
          <Text className='admin-audit__heading'>管理操作日志</Text>
          <View className='admin-audit__grow' />
          <Text className='admin-audit__link' onClick={() => void Taro.redirectTo({ url: ROUTES.adminAccessLog })} data-testid='admin-audit-access-log'>
            个人信息访问日志 ›
          </Text>
        </View>

        <Text className='admin-audit__note' data-testid='admin-audit-note'>
          本日志只能追加，任何人（包括管理员）都不能修改或删除。管理员的每一次操作——审核注册和高级权限、修改角色、停用和启用账号、强制下线、礼品和订单、隐私申请、资料发布等——都会记录操作人、对象、原因和请求编号。查看工牌、手机号和导出个人数据另见“个人信息访问日志”。
        </Text>

        <View className='admin-audit-filters' data-testid='admin-audit-filters'>
          <View className='admin-audit-filters__row'>
            <View className='admin-audit-filter'>
              <Text className='admin-audit__label'>操作</Text>
              <Picker mode='selector' range={options.map((o) => o.label)} value={actionIndex} onChange={(e) => search({ ...form, action: options[Number(e.detail.value)]?.key ?? '' })}>
                <View className='admin-audit__select' data-testid='admin-audit-action' data-value={form.action}>
                  <Text className={form.action ? '' : 'admin-audit__placeholder'}>{form.action ? actionText(form.action) : '全部操作'}</Text>
                  <Text className='admin-audit__caret'>▾</Text>
                </View>
              </Picker>
            </View>
            <View className='admin-audit-filter'>
              <Text className='admin-audit__label'>对象（手机号或用户 ID）</Text>
              <View className={`admin-audit__search${errors.subject ? ' admin-audit__search--error' : ''}`} data-testid='admin-audit-subject'>
                <Input
                  className='admin-audit__search-input'
                  placeholder='11 位手机号，或用户 ID'
                  maxlength={40}
                  value={form.subject}
                  onInput={(e) => change({ subject: e.detail.value })}
                  onConfirm={() => search(form)}
                />
              </View>
              {errors.subject ? (
                <Text className='admin-audit__error' data-testid='admin-audit-subject-error'>
                  {errors.subject}
                </Text>
              ) : null}
            </View>
          </View>
          <View className='admin-audit-filters__row'>
            <View className='admin-audit-filter'>
              <Text className='admin-audit__label'>开始日期</Text>
              <DateInput value={form.from} onChange={(from) => search({ ...form, from })} placeholder='不限' label='开始日期' max={form.to || today()} testId='admin-audit-from' />
            </View>
            <View className='admin-audit-filter'>
              <Text className='admin-audit__label'>结束日期</Text>
              <DateInput value={form.to} onChange={(to) => search({ ...form, to })} placeholder='不限' label='结束日期' min={form.from || undefined} max={today()} testId='admin-audit-to' />
              {errors.to ? (
                <Text className='admin-audit__error' data-testid='admin-audit-to-error'>
                  {errors.to}
                </Text>
              ) : null}
            </View>
          </View>
          <View className='admin-audit-filters__row'>
            <View className='admin-audit-filter'>
              <Text className='admin-audit__label'>操作人（用户 ID）</Text>
              <View className={`admin-audit__search${errors.actor ? ' admin-audit__search--error' : ''}`} data-testid='admin-audit-actor'>
                <Input
                  className='admin-audit__search-input'
                  placeholder='如 0193…，点击表格中的姓名也可筛选'
                  maxlength={40}
                  value={form.actor}
                  onInput={(e) => change({ actor: e.detail.value })}
                  onConfirm={() => search(form)}
                />
              </View>
              {errors.actor ? (
                <Text className='admin-audit__error' data-testid='admin-audit-actor-error'>
                  {errors.actor}
                </Text>
              ) : null}
            </View>
          </View>
          <View className='admin-audit-filters__buttons'>
            <Text className='admin-audit__muted admin-audit__grow' data-testid='admin-audit-applied'>
              当前：{describe(applied.filters)}
            </Text>
            <Button fill='outline' size='small' onClick={() => search(EMPTY_AUDIT_FILTERS)} data-testid='admin-audit-reset'>
              重置
            </Button>
            <Button type='primary' size='small' loading={list.refreshing} onClick={() => search(form)} data-testid='admin-audit-search'>
              查询
            </Button>
          </View>
        </View>

        {list.phase === 'idle' || list.phase === 'loading' ? <PageLoading rows={6} /> : null}
        {list.phase === 'error' ? <PageError error={list.error} onRetry={() => void lists.load(key)} /> : null}
        {list.phase === 'ready' && list.items.length === 0 ? (
          <View data-testid='admin-audit-empty'>
            <PageEmpty title='没有符合条件的操作记录' description={key === '{}' ? undefined : '可放宽日期范围或操作类型，或检查手机号、用户 ID 是否正确'} />
          </View>
        ) : null}
        {list.phase === 'ready' && list.items.length > 0 ? (
          <View data-testid='admin-audit-list' data-count={list.items.length}>
            <ConsoleTable
              testId='admin-audit-table'
              rows={list.items}
              rowKey={(r) => r.id}
              columns={columns}
              hasMore={Boolean(list.nextCursor)}
              loadingMore={list.loadingMore}
              onMore={() => void lists.loadMore(key)}
            />
            {list.moreError ? (
              <Text className='admin-audit__error' data-testid='admin-audit-more-error'>
                {list.moreError}
              </Text>
            ) : null}
            {!list.nextCursor ? <Text className='admin-audit__end'>没有更多了</Text> : null}
          </View>
        ) : null}
      </View>
    </View>
  )
}
