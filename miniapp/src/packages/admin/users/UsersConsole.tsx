import { useMemo, useState } from 'react'
import Taro from '@tarojs/taro'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { ROLES, type Role } from '@shared/permissions'
import { BulkUserActionSchema } from '@shared/schemas/admin-users.schema'
import type { Me } from '@shared/schemas/me.schema'
import Chips from '../../../components/Chips'
import type { Column } from '../../../components/ConsoleTable'
import KeysetTable from '../../../components/ConsoleTable/KeysetTable'
import { PageEmpty } from '../../../components/PageState'
import ReasonDialog from '../../../components/ReasonDialog'
import { useKeysetList, useListPageEvents } from '../../../hooks/useKeysetList'
import { useSelection } from '../../../hooks/useSelection'
import { ROLE_LABELS } from '../../../labels/ticket.zh'
import { USER_STATUS_LABELS } from '../../../labels/user.zh'
import {
  BULK_ACTION_LABELS,
  bulkSummary,
  bulkUserAction,
  describeSearch,
  listAdminUsers,
  orgLine,
  roleLine,
  searchTextOf,
  skipReasonText,
  userActionMessage,
  type AdminUserRow,
  type BulkUserAction,
  type BulkUserResult,
  type NewAccountRole,
  type UserSearch,
  type UserStatusFilter,
} from '../../../services/admin-users'
import { useWideLayout } from '../../../utils/layout'
import CreateAccountDialog from './CreateAccountDialog'
import HospitalFilter, { type HospitalRef } from './HospitalFilter'
import UserDrawer from './UserDrawer'
import UserStatusTag from './UserStatusTag'

const PAGE_SIZE = 50
const BULK_MAX = 100

interface Applied {
  /** The search box as searched (a full name or phone), '' for everyone. */
  text: string
  role: Role | ''
  status: UserStatusFilter | ''
  hospital: HospitalRef | null
}

const EVERYONE: Applied = { text: '', role: '', status: '', hospital: null }

const ROLE_OPTIONS = [{ key: '', label: '全部角色' }, ...ROLES.map((r) => ({ key: r, label: ROLE_LABELS[r] ?? r }))]
const STATUS_ORDER: UserStatusFilter[] = ['active', 'pending', 'unregistered', 'rejected', 'cancelling', 'disabled']
const STATUS_OPTIONS = [
  { key: '', label: '全部状态' },
  ...STATUS_ORDER.map((s) => ({ key: s, label: s === 'disabled' ? '已停用' : USER_STATUS_LABELS[s] })),
]

function searchOf(applied: Applied): UserSearch {
  const found = searchTextOf(applied.text)
  return {
    q: found.kind === 'phone' || found.kind === 'name' ? found.q : undefined,
    role: applied.role || undefined,
    status: applied.status || undefined,
    hospitalId: applied.hospital?.id,
  }
}

const COLUMNS: Column<AdminUserRow>[] = [
  {
    key: 'name',
    title: '姓名',
    render: (u) => (
      <Text className='admin-users__name' data-testid='admin-users-name'>
        {u.name ?? '（未填写）'}
      </Text>
    ),
  },
  { key: 'phone', title: '手机号', render: (u) => <Text className='admin-users__mono'>{u.phone ?? '—'}</Text> },
  { key: 'role', title: '角色·级别', render: (u) => <Text data-testid='admin-users-role'>{roleLine(u)}</Text> },
  { key: 'org', title: '医院·科室', render: (u) => <Text className='admin-users__org'>{orgLine(u)}</Text> },
  { key: 'status', title: '状态', render: (u) => <UserStatusTag user={u} /> },
  {
    key: 'sessions',
    title: '在线会话数',
    numeric: true,
    render: (u) => (
      <Text data-testid='admin-users-sessions' data-count={u.activeSessions}>
        {u.activeSessions}
      </Text>
    ),
  },
]

interface BulkOutcome {
  action: BulkUserAction
  result: BulkUserResult
  /** Names of the users as they were listed, for the skipped ones. */
  names: Record<string, string>
}

/**
 * 用户管理: find people by full name or phone, narrow by role, status (含
 * 已停用) and hospital; a table at a desk (cards on a phone) with keyset
 * 加载更多. A row opens the profile in a drawer with the account actions;
 * ticked rows get bulk 强制下线 / 停用 / 启用 with one reason. 新建工程师 and
 * 新建管理员 create accounts that sign in by SMS.
 */
export default function UsersConsole({ me }: { me: Me }) {
  const wide = useWideLayout()
  const [text, setText] = useState('')
  const [textError, setTextError] = useState<string>()
  const [applied, setApplied] = useState<Applied>(EVERYONE)
  const { selected, toggle, toggleAll, clear: clearSelection } = useSelection()
  const [openId, setOpenId] = useState<string | null>(null)
  const [bulk, setBulk] = useState<BulkUserAction | null>(null)
  const [bulkOutcome, setBulkOutcome] = useState<BulkOutcome | null>(null)
  const [creating, setCreating] = useState<NewAccountRole | null>(null)

  const keyset = useKeysetList<AdminUserRow>(JSON.stringify(searchOf(applied)), (key, cursor) => listAdminUsers(JSON.parse(key) as UserSearch, { cursor, limit: PAGE_SIZE }), (u) => u.id)
  const { key, list } = keyset
  useListPageEvents(keyset, wide)

  /** Shows the list for these filters; the same search again reloads it. */
  const apply = (next: Applied) => {
    const nextKey = JSON.stringify(searchOf(next))
    setBulkOutcome(null)
    if (nextKey === key) {
      void keyset.refresh()
      setApplied(next)
      return
    }
    keyset.lists.reset()
    clearSelection()
    setApplied(next)
  }

  /** Searches the box's text (Enter passes the input's own value: the state may not have caught up yet). */
  const search = (value: string = text) => {
    const found = searchTextOf(value)
    if (found.kind === 'invalid') {
      setTextError(found.error)
      return
    }
    setTextError(undefined)
    apply({ ...applied, text: found.kind === 'none' ? '' : value.trim() })
  }

  const clearSearch = () => {
    setText('')
    setTextError(undefined)
    apply({ ...applied, text: '' })
  }

  const names = useMemo(() => Object.fromEntries(list.items.map((u) => [u.id, u.name ?? u.phone ?? u.id])), [list.items])

  const submitBulk = async (reason: string): Promise<string | undefined> => {
    if (!bulk) return undefined
    const parsed = BulkUserActionSchema.safeParse({ action: bulk, userIds: [...selected], reason })
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写原因'
    try {
      const result = await bulkUserAction(parsed.data)
      setBulkOutcome({ action: bulk, result, names })
      setBulk(null)
      clearSelection()
      void Taro.showToast({ title: bulkSummary(bulk, result), icon: 'none', duration: 3000 })
      void keyset.refresh()
      return undefined
    } catch (err) {
      return userActionMessage(err)
    }
  }

  const openBulk = (action: BulkUserAction) => {
    if (selected.size > BULK_MAX) {
      void Taro.showToast({ title: `一次最多处理 ${BULK_MAX} 人，请减少勾选`, icon: 'none', duration: 3000 })
      return
    }
    setBulk(action)
  }

  const created = (account: { name: string; phone: string }, role: NewAccountRole) => {
    setCreating(null)
    void Taro.showToast({ title: role === 'engineer' ? `已创建工程师 ${account.name}` : `已创建管理员 ${account.name}`, icon: 'none', duration: 3000 })
    // Show the new account: search for its phone.
    setText(account.phone)
    setTextError(undefined)
    apply({ ...EVERYONE, text: account.phone })
  }

  const searched = describeSearch(applied.text)
  const filtered = key !== JSON.stringify(searchOf(EVERYONE))
  const selfSelected = selected.has(me.id)

  return (
    <View className='admin-users' data-testid='admin-users-page' data-wide={wide ? 'true' : 'false'}>
      <View className='admin-users__inner'>
        <View className='admin-users__toolbar'>
          <Text className='admin-users__heading'>用户管理</Text>
          <View className='admin-users__grow' />
          {me.permissions.includes('admin.directory') ? (
            <Button size='small' fill='outline' onClick={() => setCreating('engineer')} data-testid='admin-users-new-engineer'>
              新建工程师
            </Button>
          ) : null}
          <Button size='small' fill='outline' onClick={() => setCreating('admin')} data-testid='admin-users-new-admin'>
            新建管理员
          </Button>
          <Button size='small' fill='outline' loading={list.refreshing} onClick={() => void keyset.refresh()} data-testid='admin-users-refresh'>
            刷新
          </Button>
        </View>

        <View className='admin-users__filters-card'>
          <View className='admin-users__toolbar'>
            <View className={`admin-users__search${textError ? ' admin-users__search--error' : ''}`} data-testid='admin-users-search'>
              <Input
                className='admin-users__search-input'
                placeholder='输入完整姓名或 11 位手机号，按回车搜索'
                maxlength={30}
                value={text}
                confirmType='search'
                onInput={(e) => {
                  setText(e.detail.value)
                  setTextError(undefined)
                }}
                onConfirm={(e) => {
                  setText(e.detail.value)
                  search(e.detail.value)
                }}
              />
            </View>
            <Button size='small' type='primary' onClick={() => search()} data-testid='admin-users-search-go'>
              搜索
            </Button>
            {text || applied.text ? (
              <Text className='admin-users__link' onClick={clearSearch} data-testid='admin-users-search-clear'>
                清除
              </Text>
            ) : null}
          </View>
          {textError ? (
            <Text className='admin-users__error' data-testid='admin-users-search-error'>
              {textError}
            </Text>
          ) : (
            <Text className='admin-users__muted' data-testid='admin-users-search-kind'>
              {searched || '姓名需完整输入（精确匹配）；手机号需 11 位完整号码'}
            </Text>
          )}

          <View className='admin-users__filter'>
            <Text className='admin-users__filter-label'>角色</Text>
            <Chips
              options={ROLE_OPTIONS}
              selected={[applied.role]}
              onToggle={(k) => apply({ ...applied, role: k as Role | '' })}
              scroll
              testId='admin-users-roles'
              optionTestId='admin-users-role-option'
            />
          </View>
          <View className='admin-users__filter'>
            <Text className='admin-users__filter-label'>状态</Text>
            <Chips
              options={STATUS_OPTIONS}
              selected={[applied.status]}
              onToggle={(k) => apply({ ...applied, status: k as UserStatusFilter | '' })}
              scroll
              testId='admin-users-statuses'
              optionTestId='admin-users-status-option'
            />
          </View>
          <View className='admin-users__filter'>
            <Text className='admin-users__filter-label'>医院</Text>
            <HospitalFilter value={applied.hospital} onChange={(hospital) => apply({ ...applied, hospital })} />
          </View>
        </View>

        {selected.size > 0 ? (
          <View className='admin-users__bulk' data-testid='admin-users-bulk' data-count={selected.size}>
            <Text className='admin-users__strong'>已选 {selected.size} 人</Text>
            {selfSelected ? <Text className='admin-users__muted'>（含您自己，将被跳过）</Text> : null}
            <View className='admin-users__grow' />
            <Button size='small' fill='outline' onClick={() => openBulk('revoke-sessions')} data-testid='admin-users-bulk-revoke-sessions'>
              强制下线
            </Button>
            <Button size='small' fill='outline' type='danger' onClick={() => openBulk('disable')} data-testid='admin-users-bulk-disable'>
              停用
            </Button>
            <Button size='small' fill='outline' type='primary' onClick={() => openBulk('enable')} data-testid='admin-users-bulk-enable'>
              启用
            </Button>
            <Text className='admin-users__link' onClick={clearSelection} data-testid='admin-users-bulk-clear'>
              取消选择
            </Text>
          </View>
        ) : null}

        {bulkOutcome ? (
          <View className='admin-users__outcome' data-testid='admin-users-bulk-result' data-done={bulkOutcome.result.done.length} data-skipped={bulkOutcome.result.skipped.length}>
            <View className='admin-users__toolbar'>
              <Text className='admin-users__strong'>{bulkSummary(bulkOutcome.action, bulkOutcome.result)}</Text>
              <View className='admin-users__grow' />
              <Text className='admin-users__link' onClick={() => setBulkOutcome(null)} data-testid='admin-users-bulk-result-close'>
                关闭
              </Text>
            </View>
            {bulkOutcome.result.skipped.map((s) => (
              <Text key={s.id} className='admin-users__skipped' data-testid='admin-users-bulk-skipped' data-id={s.id}>
                跳过：{bulkOutcome.names[s.id] ?? s.id} — {skipReasonText(s.reason)}
              </Text>
            ))}
          </View>
        ) : null}

        <KeysetTable
          keyset={keyset}
          testId='admin-users'
          rowKey={(u) => u.id}
          columns={COLUMNS}
          selected={selected}
          onToggle={toggle}
          onToggleAll={toggleAll}
          onRowClick={(u) => setOpenId(u.id)}
          errorClassName='admin-users__error'
          empty={
            <PageEmpty
              title='没有找到用户'
              description={
                searched
                  ? `${searched}没有结果。姓名需与登记的完全一致，手机号需 11 位完整号码；也可放宽角色、状态或医院筛选。`
                  : filtered
                    ? '可放宽角色、状态或医院筛选'
                    : undefined
              }
            />
          }
        />
      </View>

      <UserDrawer
        userId={openId}
        me={me}
        onClose={() => setOpenId(null)}
        onChanged={keyset.replace}
        onStale={() => void keyset.refresh()}
      />

      <ReasonDialog
        open={bulk !== null}
        title={bulk ? `批量${BULK_ACTION_LABELS[bulk]}（${selected.size} 人）` : ''}
        hint='原因会记入每位用户的审计记录（2–200 字）。已处于该状态的用户会被跳过。'
        placeholder={bulk === 'enable' ? '如：误停用，已核实' : '如：离职人员账号清理'}
        confirmText={bulk ? `确认${BULK_ACTION_LABELS[bulk]}` : '确认'}
        confirmType={bulk === 'enable' ? 'primary' : 'danger'}
        testIdPrefix='admin-users-bulk'
        onSubmit={submitBulk}
        onClose={() => setBulk(null)}
      >
        {bulk ? (
          <Text className='user-dialog__note' data-testid='admin-users-bulk-effect'>
            {bulk === 'revoke-sessions' ? '所选用户在所有设备上的登录会话将立即结束，需要重新登录。' : null}
            {bulk === 'disable' ? '所选用户将立即被强制下线，且不能再登录，直到重新启用。' : null}
            {bulk === 'enable' ? '所选的已停用用户可以重新登录。' : null}
          </Text>
        ) : null}
      </ReasonDialog>

      <CreateAccountDialog role={creating} onCreated={created} onClose={() => setCreating(null)} />
    </View>
  )
}
