import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { formatShanghai } from '../../../../utils/format'
import { DueInfo, Requester, RequestStatus, RequestType } from './RequestParts'
import type { RequestRowsProps } from './RequestTable'

/** The request queue on the desktop console (≥ 1024 px): a row per request; 处理 opens the drawer. */
export default function RequestTable({ items, selectedId, now, onOpen }: RequestRowsProps) {
  return (
    <View className='admin-table-wrap'>
      <table className='admin-table admin-privacy-requests-table' data-testid='admin-privacy-requests-table'>
        <thead>
          <tr>
            <th>类型</th>
            <th>申请人（姓名·医院）</th>
            <th>收到时间</th>
            <th>答复期限</th>
            <th>状态</th>
            <th>操作</th>
          </tr>
        </thead>
        <tbody>
          {items.map((view) => (
            <tr
              key={view.id}
              className={`admin-privacy-requests-table__row${view.id === selectedId ? ' admin-privacy-requests-table__row--selected' : ''}${view.overdue ? ' admin-privacy-requests-table__row--overdue' : ''}`}
              onClick={() => onOpen(view)}
              data-testid='admin-privacy-request-row'
              data-id={view.id}
              data-status={view.status}
              data-overdue={view.overdue ? 'true' : 'false'}
            >
              <td className='admin-privacy-requests-table__type'>
                <RequestType view={view} law />
              </td>
              <td className='admin-privacy-requests-table__user'>
                <Requester view={view} />
              </td>
              <td className='admin-privacy-requests-table__nowrap'>
                <Text data-testid='admin-privacy-request-received'>{formatShanghai(view.createdAt)}</Text>
              </td>
              <td className='admin-privacy-requests-table__nowrap'>
                <DueInfo view={view} now={now} />
              </td>
              <td className='admin-privacy-requests-table__nowrap'>
                <RequestStatus view={view} />
              </td>
              <td className='admin-privacy-requests-table__actions'>
                <Button
                  size='small'
                  type='primary'
                  fill={view.status === 'completed' || view.status === 'refused' ? 'outline' : 'solid'}
                  onClick={(e) => {
                    e.stopPropagation()
                    onOpen(view)
                  }}
                  data-testid='admin-privacy-request-open'
                >
                  {view.status === 'completed' || view.status === 'refused' ? '查看' : '处理'}
                </Button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  )
}
