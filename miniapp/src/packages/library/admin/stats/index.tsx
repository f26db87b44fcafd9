import ConsoleShell from '../../../../components/ConsoleShell'
import SessionGate from '../../../../components/SessionGate'
import StatsPage from './StatsPage'
import '../../library.scss'

/** 阅读统计: aggregates per document and category (H5 only). */
export default function DocumentStatsPage() {
  return (
    <SessionGate className='doc-admin' permission='library.write' denied={{ title: '没有访问权限', description: '阅读统计仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='library'>
          <StatsPage />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
