import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import AuditConsole from './AuditConsole'
import './audit.scss'

/** 审计日志 (admin.audit): search the append-only log of admin actions by action, person, actor and days. */
export default function AdminAudit() {
  return (
    <SessionGate className='admin-audit' permission='admin.audit' denied={{ title: '没有访问权限', description: '审计日志仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='audit'>
          <AuditConsole />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
