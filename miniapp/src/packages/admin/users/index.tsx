import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import UsersConsole from './UsersConsole'
import './users.scss'

/** 用户管理 (admin.access): find accounts, see a profile, change role, disable/enable, sign out everywhere, one at a time or in bulk. */
export default function AdminUsers() {
  return (
    <SessionGate className='admin-users' permission='admin.access' denied={{ title: '没有访问权限', description: '用户管理仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='users'>
          <UsersConsole me={me} />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
