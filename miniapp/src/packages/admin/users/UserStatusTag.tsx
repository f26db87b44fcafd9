import StatusTag from '../../../components/StatusTag'
import { USER_STATUS_TAG } from '../../../labels/user.zh'
import { statusText, type AdminUserRow } from '../../../services/admin-users'

/** 已停用 (red) over the registration status; `data-status` is `disabled` or the status. */
export default function UserStatusTag({ user }: { user: Pick<AdminUserRow, 'status' | 'disabled'> }) {
  return (
    <StatusTag
      status={user.disabled ? 'disabled' : user.status}
      label={statusText(user)}
      type={user.disabled ? 'danger' : USER_STATUS_TAG[user.status]}
      className='admin-users__status'
      testId='admin-users-status'
    />
  )
}
