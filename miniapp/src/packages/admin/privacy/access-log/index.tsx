import ConsoleShell from '../../../../components/ConsoleShell'
import SessionGate from '../../../../components/SessionGate'
import AccessLogConsole from './AccessLogConsole'
import '../../orders/table.scss'
import '../privacy.scss'

/** 个人信息访问日志 (admin.audit, as the server requires): search the append-only log by actor, subject, action and days. */
export default function AdminPrivacyAccessLog() {
  return (
    <SessionGate className='admin-privacy' permission='admin.audit' denied={{ title: '没有访问权限', description: '个人信息访问日志仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='privacy'>
          <AccessLogConsole />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
