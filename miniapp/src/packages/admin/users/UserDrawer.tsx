import { useEffect, useRef, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { ConsentPurpose } from '@shared/schemas/privacy.schema'
import { DisableSchema } from '@shared/schemas/admin-users.schema'
import type { Me } from '@shared/schemas/me.schema'
import Drawer from '../../../components/Drawer'
import { PageError, PageLoading } from '../../../components/PageState'
import ReasonDialog from '../../../components/ReasonDialog'
import StoredImage from '../../../components/StoredImage'
import { namesOf } from '../../../labels/access.zh'
import { CONSENT_PURPOSE_LABELS } from '../../../labels/privacy.zh'
import { GENDER_LABELS } from '../../../labels/user.zh'
import {
  changeUserRole,
  disableUser,
  enableUser,
  getAdminUser,
  isStaleUserError,
  orgLine,
  revokeUserSessions,
  roleLine,
  rowOf,
  userActionMessage,
  type AdminUserDetail,
  type AdminUserRow,
  type RoleChangeInput,
} from '../../../services/admin-users'
import { ROUTES } from '../../../routes'
import { formatShanghai } from '../../../utils/format'
import ConfirmDialog from './ConfirmDialog'
import RoleDialog from './RoleDialog'
import UserStatusTag from './UserStatusTag'

type State = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; user: AdminUserDetail }
type Dialog = 'role' | 'disable' | 'enable' | 'revoke' | null

interface Props {
  /** The user shown; null when the drawer is closed. */
  userId: string | null
  me: Me
  onClose: () => void
  /** The profile changed (or was read afresh): its row in the list should show the same. */
  onChanged: (row: AdminUserRow) => void
  /** The user is gone or changed behind our back: the list should reload. */
  onStale: () => void
}

function consentText(purposes: readonly string[]): string {
  if (purposes.length === 0) return '—'
  return purposes.map((p) => CONSENT_PURPOSE_LABELS[p as ConsentPurpose] ?? p).join('、')
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <View className='admin-user-detail__row' data-testid={testId}>
      <Text className='admin-user-detail__label'>{label}</Text>
      <View className='admin-user-detail__value'>{children}</View>
    </View>
  )
}

/**
 * One user's profile beside the list (a sheet on a phone): every field the
 * server gives, the badge on request (opening it is logged), and the account
 * actions — 修改角色, 强制下线, 停用 / 启用 — each confirmed and audited.
 */
export default function UserDrawer({ userId, me, onClose, onChanged, onStale }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [dialog, setDialog] = useState<Dialog>(null)
  const [showBadge, setShowBadge] = useState(false)
  const call = useRef(0)
  const onChangedRef = useRef(onChanged)
  onChangedRef.current = onChanged

  /** Reads the profile; `quiet` keeps the one shown while it reloads. */
  const load = async (id: string, quiet = false) => {
    const mine = ++call.current
    if (!quiet) setState({ kind: 'loading' })
    try {
      const user = await getAdminUser(id)
      if (mine !== call.current) return
      setState({ kind: 'ready', user })
      onChangedRef.current(rowOf(user))
    } catch (error) {
      if (mine !== call.current) return
      if (quiet) void Taro.showToast({ title: userActionMessage(error), icon: 'none', duration: 3000 })
      else setState({ kind: 'error', error })
    }
  }

  useEffect(() => {
    setDialog(null)
    setShowBadge(false)
    if (userId) void load(userId)
    else call.current += 1
  }, [userId])

  const user = state.kind === 'ready' && state.user.id === userId ? state.user : null
  const self = user?.id === me.id

  /** After an action: say so, close the sheet and show the profile as it is now. */
  const done = async (message: string) => {
    setDialog(null)
    void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
    if (userId) await load(userId, true)
  }

  /** Runs an action from a sheet: a message keeps the sheet open; a stale profile closes it and reloads. */
  const attempt = async (run: () => Promise<string>): Promise<string | undefined> => {
    try {
      await done(await run())
      return undefined
    } catch (err) {
      if (isStaleUserError(err)) {
        setDialog(null)
        void Taro.showToast({ title: userActionMessage(err), icon: 'none', duration: 3000 })
        onStale()
        if (userId) void load(userId, true)
        return undefined
      }
      return userActionMessage(err)
    }
  }

  const submitReason = (action: 'disable' | 'enable') => async (reason: string) => {
    if (!user) return undefined
    const parsed = DisableSchema.safeParse({ reason })
    if (!parsed.success) return parsed.error.issues[0]?.message ?? '请填写原因'
    return attempt(async () => {
      if (action === 'disable') {
        await disableUser(user.id, parsed.data.reason)
        return '账号已停用，已强制下线'
      }
      await enableUser(user.id, parsed.data.reason)
      return '账号已启用'
    })
  }

  const submitRole = (input: RoleChangeInput) =>
    attempt(async () => {
      if (!user) return ''
      await changeUserRole(user.id, input)
      return '角色已修改'
    })

  const revoke = async () => {
    if (!user) return
    try {
      const revoked = await revokeUserSessions(user.id)
      await done(`已下线 ${revoked} 个会话`)
    } catch (err) {
      setDialog(null)
      void Taro.showToast({ title: userActionMessage(err), icon: 'none', duration: 3000 })
      if (isStaleUserError(err)) onStale()
    }
  }

  const footer = user ? (
    <>
      {self ? <Text className='admin-user-detail__self'>这是您自己的账号：不能在这里修改角色、停用或强制下线</Text> : null}
      <Button size='small' fill='outline' disabled={self} onClick={() => setDialog('role')} data-testid='admin-user-role'>
        修改角色
      </Button>
      <Button size='small' fill='outline' disabled={self} onClick={() => setDialog('revoke')} data-testid='admin-user-revoke-sessions'>
        强制下线
      </Button>
      {user.disabled ? (
        <Button size='small' type='primary' onClick={() => setDialog('enable')} data-testid='admin-user-enable'>
          启用账号
        </Button>
      ) : (
        <Button size='small' type='danger' disabled={self} onClick={() => setDialog('disable')} data-testid='admin-user-disable'>
          停用账号
        </Button>
      )}
    </>
  ) : undefined

  const who = user?.name ?? '该用户'
  return (
    <>
      <Drawer open={userId !== null} title={user ? `${user.name ?? '未填写姓名'} · 用户详情` : '用户详情'} onClose={onClose} testId='admin-user-drawer' footer={footer}>
        {state.kind === 'loading' || (state.kind === 'ready' && !user) ? <PageLoading rows={8} /> : null}
        {state.kind === 'error' ? <PageError error={state.error} onRetry={() => userId && void load(userId)} /> : null}
        {user ? (
          <View className='admin-user-detail' data-testid='admin-user-detail' data-id={user.id} data-disabled={user.disabled ? 'true' : 'false'} data-sessions={user.activeSessions}>
            {user.disabled ? (
              <View className='admin-user-detail__disabled' data-testid='admin-user-disabled-note'>
                <Text className='admin-user-detail__strong'>该账号已停用{user.disabledAt ? `（${formatShanghai(user.disabledAt)}）` : ''}</Text>
                {user.disabledReason ? <Text>原因：{user.disabledReason}</Text> : null}
              </View>
            ) : null}

            <View className='admin-user-detail__section'>
              <Text className='admin-user-detail__title'>基本信息</Text>
              <Row label='姓名'>{user.name ?? '—'}</Row>
              <Row label='手机号'>
                <Text className='admin-users__mono'>{user.phone ?? '—'}</Text>
              </Row>
              <Row label='性别'>{user.gender ? (GENDER_LABELS[user.gender as keyof typeof GENDER_LABELS] ?? user.gender) : '—'}</Row>
              <Row label='职位'>{user.position ?? '—'}</Row>
              <Row label='职称'>{user.title ?? '—'}</Row>
              <Row label='用户 ID'>
                <Text className='admin-users__mono admin-users__id'>{user.id}</Text>
              </Row>
            </View>

            <View className='admin-user-detail__section'>
              <Text className='admin-user-detail__title'>角色与机构</Text>
              <Row label='角色·级别' testId='admin-user-role-line'>
                {roleLine(user)}
              </Row>
              <Row label='医院·科室'>{orgLine({ ...user, dealer: null })}</Row>
              {user.managedDepartments.length > 0 ? <Row label='管理科室'>{namesOf(user.managedDepartments)}</Row> : null}
              {user.dealer ? <Row label='所属经销商'>{user.dealer.name}</Row> : null}
            </View>

            <View className='admin-user-detail__section'>
              <Text className='admin-user-detail__title'>账号</Text>
              <Row label='状态'>
                <UserStatusTag user={user} />
              </Row>
              <Row label='在线会话数' testId='admin-user-sessions'>
                {user.activeSessions}
              </Row>
              <Row label='创建时间'>{formatShanghai(user.createdAt)}</Row>
              <Row label='注册通过'>{formatShanghai(user.registeredAt) || '—'}</Row>
              <Row label='最近登录'>{formatShanghai(user.lastSignInAt) || '—'}</Row>
              <Row label='已同意'>{consentText(user.consents)}</Row>
              <Row label='工单数'>{user.ticketCount}</Row>
              <Row label='积分余额'>{user.pointsBalance}</Row>
              {me.permissions.includes('admin.audit') ? (
                <Row label='操作记录'>
                  <Text
                    className='admin-users__link'
                    onClick={() => void Taro.navigateTo({ url: `${ROUTES.adminAudit}?subject=${encodeURIComponent(user.id)}` })}
                    data-testid='admin-user-audit'
                  >
                    查看与该用户有关的管理操作 ›
                  </Text>
                </Row>
              ) : null}
            </View>

            <View className='admin-user-detail__section'>
              <Text className='admin-user-detail__title'>工牌照片</Text>
              {user.badgeFileId ? (
                showBadge ? (
                  <StoredImage fileId={user.badgeFileId} alt={`${who}的工牌照片`} testId='admin-user-badge-image' />
                ) : (
                  <View className='admin-user-detail__badge'>
                    <Button size='small' fill='outline' onClick={() => setShowBadge(true)} data-testid='admin-user-badge'>
                      查看工牌
                    </Button>
                    <Text className='admin-users__muted'>查看会记入个人信息访问日志</Text>
                  </View>
                )
              ) : (
                <Text className='admin-users__muted'>没有工牌照片</Text>
              )}
            </View>
          </View>
        ) : null}
      </Drawer>

      <RoleDialog user={dialog === 'role' ? user : null} onSubmit={submitRole} onClose={() => setDialog(null)} />

      <ReasonDialog
        open={dialog === 'disable' && user !== null}
        title={`停用 ${who} 的账号`}
        hint='原因会记入审计日志（2–200 字）。'
        placeholder='如：已离职，经科室负责人确认'
        confirmText='确认停用'
        testIdPrefix='admin-user-disable'
        onSubmit={submitReason('disable')}
        onClose={() => setDialog(null)}
      >
        <Text className='user-dialog__note' data-testid='admin-user-disable-effect'>
          停用后该用户立即被强制下线（当前 {user?.activeSessions ?? 0} 个会话），不能再登录或使用任何功能，直到重新启用。工单、积分等数据保留。
        </Text>
      </ReasonDialog>

      <ReasonDialog
        open={dialog === 'enable' && user !== null}
        title={`启用 ${who} 的账号`}
        hint='启用后该用户可以重新登录。原因会记入审计日志（2–200 字）。'
        placeholder='如：误停用，已核实'
        confirmText='确认启用'
        confirmType='primary'
        testIdPrefix='admin-user-enable'
        onSubmit={submitReason('enable')}
        onClose={() => setDialog(null)}
      />

      <ConfirmDialog
        open={dialog === 'revoke' && user !== null}
        title={`强制 ${who} 下线`}
        confirmText='确认强制下线'
        testIdPrefix='admin-user-revoke-sessions'
        onConfirm={revoke}
        onClose={() => setDialog(null)}
      >
        <Text className='user-dialog__note' data-testid='admin-user-revoke-sessions-effect'>
          将结束该用户在所有设备上的 {user?.activeSessions ?? 0} 个登录会话，对方需要重新登录。账号不会被停用。
        </Text>
      </ConfirmDialog>
    </>
  )
}
