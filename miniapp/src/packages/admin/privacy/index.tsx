import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import PrivacyHub from './PrivacyHub'
import '../orders/table.scss'
import './privacy.scss'

/** 隐私合规 (admin.privacy): the request queue at a glance, the recipients registry, the privacy jobs. */
export default function AdminPrivacy() {
  return (
    <SessionGate className='admin-privacy' permission='admin.privacy' denied={{ title: '没有访问权限', description: '隐私合规仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='privacy'>
          <PrivacyHub canRunJobs={me.permissions.includes('admin.jobs')} canAudit={me.permissions.includes('admin.audit')} />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
