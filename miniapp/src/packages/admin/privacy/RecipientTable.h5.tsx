import { View } from '@tarojs/components'
import { fieldsText } from '../../../labels/privacy.admin.zh'
import { ContractRef, ProvisionCount, PurposeList, RecipientName, RecipientState } from './RecipientParts'
import type { RecipientRowsProps } from './RecipientTable'

/** The recipients registry on the desktop console (≥ 1024 px): one row per dealer. */
export default function RecipientTable({ items }: RecipientRowsProps) {
  return (
    <View className='admin-table-wrap'>
      <table className='admin-table admin-privacy-recipients-table' data-testid='admin-privacy-recipients-table'>
        <thead>
          <tr>
            <th>经销商</th>
            <th>委托协议编号</th>
            <th>委托目的</th>
            <th>提供的个人信息</th>
            <th className='admin-table__num'>提供记录</th>
            <th>状态</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} data-testid='admin-privacy-recipient-row' data-id={r.id}>
              <td className='admin-privacy-recipients-table__name'>
                <RecipientName recipient={r} />
              </td>
              <td className='admin-privacy-recipients-table__nowrap'>
                <ContractRef recipient={r} />
              </td>
              <td>
                <PurposeList recipient={r} />
              </td>
              <td className='admin-privacy-recipients-table__fields' data-testid='admin-privacy-recipient-fields'>
                {fieldsText(r.fields)}
              </td>
              <td className='admin-table__num'>
                <ProvisionCount recipient={r} end />
              </td>
              <td className='admin-privacy-recipients-table__nowrap'>
                <RecipientState recipient={r} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </View>
  )
}
