import ConsoleShell from '../../../../components/ConsoleShell'
import SessionGate from '../../../../components/SessionGate'
import RequestsConsole from './RequestsConsole'
import '../../orders/table.scss'
import '../privacy.scss'

/** 隐私申请处理 (admin.privacy): the queue of PIPL requests, due 15 days after receipt. */
export default function AdminPrivacyRequests() {
  return (
    <SessionGate className='admin-privacy' permission='admin.privacy' denied={{ title: '没有访问权限', description: '隐私申请处理仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='privacy'>
          <RequestsConsole meId={me.id} canAudit={me.permissions.includes('admin.audit')} />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
