import ConsoleShell from '../../../../components/ConsoleShell'
import SessionGate from '../../../../components/SessionGate'
import ImportConsole from './ImportConsole'
import './import.scss'

/** 批量导入 (admin.directory): hospitals, departments or equipment from a CSV, checked by a dry run first. */
export default function Page() {
  return (
    <SessionGate className='admin-import' permission='admin.directory' denied={{ title: '没有访问权限', description: '批量导入仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='import'>
          <ImportConsole />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
