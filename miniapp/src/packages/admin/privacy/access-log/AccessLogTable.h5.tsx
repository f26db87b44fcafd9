import { Text, View } from '@tarojs/components'
import { formatShanghai } from '../../../../utils/format'
import { ActionText, ActorCell, FieldsText, PurposeText, RequestIdText, SubjectCell } from './AccessLogParts'
import type { AccessLogRowsProps } from './AccessLogTable'

/** The access log on the desktop console (≥ 1024 px), newest first. */
export default function AccessLogTable({ items, onActor, onSubject }: AccessLogRowsProps) {
  return (
    <View className='admin-table-wrap'>
      <table className='admin-table admin-access-log-table' data-testid='admin-access-log-table'>
        <thead>
          <tr>
            <th>时间</th>
            <th>操作人（姓名/角色）</th>
            <th>被查看人</th>
            <th>操作</th>
            <th>涉及信息</th>
            <th>目的</th>
            <th>请求编号</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id} data-testid='admin-access-log-row' data-id={row.id} data-action={row.action}>
              <td className='admin-access-log-table__nowrap'>
                <Text data-testid='admin-access-log-time'>{formatShanghai(row.createdAt)}</Text>
              </td>
              <td className='admin-access-log-table__person'>
                <ActorCell row={row} onActor={onActor} />
              </td>
              <td className='admin-access-log-table__person'>
                <SubjectCell row={row} onSubject={onSubject} />
              </td>
              <td className='admin-access-log-table__nowrap'>
                <ActionText row={row} />
              </td>
              <td className='admin-access-log-table__fields'>
                <FieldsText row={row} />
              </td>
              <td className='admin-access-log-table__purpose'>
                <PurposeText row={row} />
              </td>
              <td className='admin-access-log-table__request'>
                <RequestIdText row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  )
}
