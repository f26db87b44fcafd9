import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import GiftsConsole from './GiftsConsole'
import '../orders/table.scss'
import './gifts.scss'

/** 礼品管理 (admin.gifts): the catalog with stock and shelf state; add, edit, switch on and off. */
export default function AdminGifts() {
  return (
    <SessionGate className='admin-gifts' permission='admin.gifts' denied={{ title: '没有访问权限', description: '礼品管理仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='gifts'>
          <GiftsConsole />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
