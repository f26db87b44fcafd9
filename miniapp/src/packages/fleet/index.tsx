import SessionGate from '../../components/SessionGate'
import FleetView from './FleetView'
import './fleet.scss'

/** 设备概况 (advanced staff): the units of the departments they manage; the server refuses everyone else. */
export default function Fleet() {
  return <SessionGate className='fleet'>{(me) => <FleetView me={me} />}</SessionGate>
}
