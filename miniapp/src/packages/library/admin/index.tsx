import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import AdminList from './AdminList'
import '../library.scss'

/** 资料库管理 (library.write): every document by status, to edit, publish or retire. H5 only; weapp points to the web console. */
export default function LibraryAdminPage() {
  return (
    <SessionGate className='doc-admin' permission='library.write' denied={{ title: '没有访问权限', description: '资料库管理仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='library'>
          <AdminList />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
