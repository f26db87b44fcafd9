import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { chooseCsvFromChat } from '../../../../services/csv-file'
import { isCsvFileError } from '../../../../services/csv-text'
import type { CsvPickerProps } from './CsvPicker'

/** weapp: a .csv sent to a WeChat chat (e.g. 文件传输助手), read as UTF-8. */
export default function CsvPicker({ busy, fileName, onReading, onPicked, onError }: CsvPickerProps) {
  const pick = async () => {
    if (busy) return
    onReading()
    try {
      const file = await chooseCsvFromChat()
      if (file) onPicked(file)
      else onError('')
    } catch (err) {
      onError(isCsvFileError(err) ? err.message : '无法读取该文件，请重新选择')
    }
  }

  return (
    <View className='csv-picker'>
      <View className='csv-picker__body'>
        <Button type={fileName ? 'default' : 'primary'} disabled={busy} onClick={() => void pick()} data-testid='admin-import-file'>
          {fileName ? '重新选择文件' : '从微信聊天中选择 CSV 文件'}
        </Button>
        <Text className='csv-picker__hint'>先把 CSV 文件发送到微信（如“文件传输助手”），再从聊天记录中选择。表格较大时，建议在电脑端管理后台导入。</Text>
      </View>
    </View>
  )
}
