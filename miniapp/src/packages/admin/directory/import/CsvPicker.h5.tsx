import { useRef, useState, type ChangeEvent, type DragEvent } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { readCsvFile } from '../../../../services/csv-file'
import { isCsvFileError } from '../../../../services/csv-text'
import type { CsvPickerProps } from './CsvPicker'

/**
 * H5: a hidden `<input type="file">` behind a button, and a zone a file can
 * be dropped on. The file is read in the browser (csv-file.h5.ts).
 */
export default function CsvPicker({ busy, fileName, onReading, onPicked, onError }: CsvPickerProps) {
  const input = useRef<HTMLInputElement>(null)
  const [over, setOver] = useState(false)

  const take = async (file: File | undefined) => {
    if (!file || busy) return
    onReading()
    try {
      onPicked(await readCsvFile(file))
    } catch (err) {
      onError(isCsvFileError(err) ? err.message : '无法读取该文件，请重新选择')
    }
  }

  const changed = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0]
    // Cleared so that choosing the same file again (after fixing it in Excel) reads it again.
    e.target.value = ''
    void take(file)
  }

  const dropped = (e: DragEvent<HTMLDivElement>) => {
    e.preventDefault()
    setOver(false)
    void take(e.dataTransfer.files?.[0])
  }

  return (
    <div
      className={`csv-picker${over ? ' csv-picker--over' : ''}`}
      data-testid='admin-import-drop'
      onDragOver={(e) => {
        e.preventDefault()
        if (!over) setOver(true)
      }}
      onDragLeave={() => setOver(false)}
      onDrop={dropped}
    >
      <input ref={input} type='file' accept='.csv,text/csv' className='csv-picker__input' data-testid='admin-import-file' disabled={busy} onChange={changed} />
      <View className='csv-picker__body'>
        <Button type={fileName ? 'default' : 'primary'} disabled={busy} onClick={() => input.current?.click()} data-testid='admin-import-choose'>
          {fileName ? '重新选择文件' : '选择 CSV 文件'}
        </Button>
        <Text className='csv-picker__hint'>或把文件拖到这里 · UTF-8 编码，第一行是列名，最多约 2,000 行</Text>
      </View>
    </div>
  )
}
