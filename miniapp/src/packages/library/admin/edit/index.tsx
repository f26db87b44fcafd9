import ConsoleShell from '../../../../components/ConsoleShell'
import SessionGate from '../../../../components/SessionGate'
import EditorPage from './EditorPage'
import '../../library.scss'

/** Write or change one document: H5 only (a rich text editor at desktop width); weapp points to the web console. */
export default function DocumentEditPage() {
  return (
    <SessionGate className='doc-admin' permission='library.write' denied={{ title: '没有访问权限', description: '资料编辑仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='library'>
          <EditorPage />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
