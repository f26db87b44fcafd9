import { useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Picker, Text, View } from '@tarojs/components'
import type { Column } from '../../../components/ConsoleTable'
import KeysetTable from '../../../components/ConsoleTable/KeysetTable'
import LogFilters, { ActorFilter, DateRangeFilter, FilterField, FilterRow, SubjectFilter } from '../../../components/LogFilters'
import { PageEmpty } from '../../../components/PageState'
import { useLogSearch } from '../../../hooks/useLogSearch'
import { auditActionLabel, auditFamilyLabel } from '../../../labels/audit-actions.zh'
import { ROLE_LABELS } from '../../../labels/privacy.admin.zh'
import {
  actionOptions,
  auditActorLine,
  auditQueryOf,
  auditSubjectLine,
  EMPTY_AUDIT_FILTERS,
  listAudit,
  type AuditFilters,
  type AuditView,
} from '../../../services/admin-audit'
import { describeLogSearch } from '../../../services/log-search'
import { ROUTES } from '../../../routes'
import { formatShanghai } from '../../../utils/format'
import { useWideLayout } from '../../../utils/layout'

const PAGE_SIZE = 50

function actionText(action: string): string {
  return action.endsWith('.') ? auditFamilyLabel(action) : auditActionLabel(action)
}

/** What the shown rows were searched by, in words. */
function describe(filters: AuditFilters): string {
  return describeLogSearch(filters, { subject: (s) => (/^[\d\s+-]+$/.test(s) ? `对象手机号 ${s}` : '指定对象'), action: actionText })
}

/** Who acted, or whom it concerned: the name searches by that person; the id under it. */
function PersonCell({ person, line, onPick, testId }: { person: { id: string } | null; line: string; onPick: (id: string) => void; testId: string }) {
  if (!person) return <Text data-testid={testId}>{line}</Text>
  return (
    <View className='admin-audit__stack'>
      <Text
        className='admin-audit__link'
        onClick={(e) => {
          e.stopPropagation()
          onPick(person.id)
        }}
        data-testid={testId}
        data-id={person.id}
      >
        {line}
      </Text>
      <Text className='admin-audit__muted admin-audit__mono admin-audit__id'>{person.id}</Text>
    </View>
  )
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
  const [actions, setActions] = useState<string[]>([])
  const logSearch = useLogSearch({
    empty: EMPTY_AUDIT_FILTERS,
    initial: () => ({ ...EMPTY_AUDIT_FILTERS, actor: params.actor ?? '', subject: params.subject ?? '', action: params.action ?? '' }),
    queryOf: auditQueryOf,
    fetchPage: async (query, cursor) => {
      const page = await listAudit(query, { cursor, limit: PAGE_SIZE })
      if (page.actions.length > 0) setActions(page.actions)
      return page
    },
    idOf: (r: AuditView) => r.id,
    wide,
  })
  const { form, applied, keyset, search } = logSearch
  const { key, list } = keyset

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
      render: (r) => <PersonCell person={r.actor} line={auditActorLine(r, ROLE_LABELS)} onPick={byActor} testId='admin-audit-actor-name' />,
    },
    {
      key: 'subject',
      title: '对象',
      render: (r) => <PersonCell person={r.subject} line={auditSubjectLine(r)} onPick={bySubject} testId='admin-audit-subject-name' />,
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

        <LogFilters search={logSearch} testIdPrefix='admin-audit' applied={describe(applied.filters)}>
          <FilterRow>
            <FilterField label='操作'>
              <Picker mode='selector' range={options.map((o) => o.label)} value={actionIndex} onChange={(e) => search({ ...form, action: options[Number(e.detail.value)]?.key ?? '' })}>
                <View className='admin-audit__select' data-testid='admin-audit-action' data-value={form.action}>
                  <Text className={form.action ? '' : 'admin-audit__placeholder'}>{form.action ? actionText(form.action) : '全部操作'}</Text>
                  <Text className='admin-audit__caret'>▾</Text>
                </View>
              </Picker>
            </FilterField>
            <SubjectFilter label='对象（手机号或用户 ID）' />
          </FilterRow>
          <DateRangeFilter />
          <FilterRow>
            <ActorFilter />
          </FilterRow>
        </LogFilters>

        <KeysetTable
          keyset={keyset}
          testId='admin-audit'
          rowKey={(r) => r.id}
          columns={columns}
          errorClassName='admin-audit__error'
          empty={<PageEmpty title='没有符合条件的操作记录' description={key === '{}' ? undefined : '可放宽日期范围或操作类型，或检查手机号、用户 ID 是否正确'} />}
        >
          {!list.nextCursor ? <Text className='admin-audit__end'>没有更多了</Text> : null}
        </KeysetTable>
      </View>
    </View>
  )
}
