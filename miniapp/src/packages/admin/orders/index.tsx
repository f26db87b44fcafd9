import ConsoleShell from '../../../components/ConsoleShell'
import SessionGate from '../../../components/SessionGate'
import OrdersConsole from './OrdersConsole'
import './table.scss'
import './orders.scss'

/** 礼品订单 (admin.gifts): ship, confirm delivery, cancel with a reason; CSV of pending orders on the web console. */
export default function AdminOrders() {
  return (
    <SessionGate className='admin-orders' permission='admin.gifts' denied={{ title: '没有访问权限', description: '礼品订单仅对管理员开放' }}>
      {(me) => (
        <ConsoleShell me={me} area='orders'>
          <OrdersConsole />
        </ConsoleShell>
      )}
    </SessionGate>
  )
}
