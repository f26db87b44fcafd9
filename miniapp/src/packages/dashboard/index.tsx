import ConsoleShell from '../../components/ConsoleShell'
import SessionGate from '../../components/SessionGate'
import DashboardView from './DashboardView'
import './dashboard.scss'

/** 数据看板 (admin.dashboard): tickets, SLA, engineers, ratings, points, gift stock and privacy deadlines. */
export default function Page() {
  return (
    <SessionGate className='dashboard' permission='admin.dashboard' denied={{ title: '没有访问权限', description: '数据看板仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='dashboard'>
          <DashboardView />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
