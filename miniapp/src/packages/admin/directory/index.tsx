import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import DirectoryConsole from './DirectoryConsole'
import './directory.scss'

/** 医院与设备 (admin.directory): hospitals and departments, equipment units and models, dealers. */
export default function Page() {
  return (
    <SessionGate className='admin-directory' permission='admin.directory' denied={{ title: '没有访问权限', description: '医院与设备仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='directory'>
          <DirectoryConsole />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
