import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import LabelsConsole from './LabelsConsole'
import './labels.scss'

/** 设备标签 (admin.directory): printable A4 sheets of QR labels for the units chosen in 医院与设备 or just imported. */
export default function Page() {
  return (
    <SessionGate className='admin-labels' permission='admin.directory' denied={{ title: '没有访问权限', description: '设备标签仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='labels'>
          <LabelsConsole />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
