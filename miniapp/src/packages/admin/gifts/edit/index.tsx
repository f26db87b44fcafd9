import ConsoleShell from '../../../../components/ConsoleShell'
import SessionGate from '../../../../components/SessionGate'
import GiftEditor from './GiftEditor'
import '../gifts.scss'

/** 新增 / 编辑礼品 (admin.gifts); `?id=` opens an existing gift with its 库存调整. */
export default function AdminGiftEdit() {
  return (
    <SessionGate className='admin-gifts' permission='admin.gifts' denied={{ title: '没有访问权限', description: '礼品管理仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='gifts'>
          <GiftEditor />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
