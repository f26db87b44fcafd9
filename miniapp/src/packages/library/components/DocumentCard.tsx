import { Text, View } from '@tarojs/components'
import { DOCUMENT_CATEGORY_LABELS } from '../../../labels/library.zh'
import type { DocumentSummary } from '../../../services/library'
import { formatShanghai } from '../../../utils/format'

/** One document in a list: title, summary, when published (and its category in search results). */
export default function DocumentCard({ doc, showCategory, onOpen }: { doc: DocumentSummary; showCategory?: boolean; onOpen: () => void }) {
  return (
    <View className='doc-card' onClick={onOpen} data-testid='library-doc' data-id={doc.id} data-category={doc.category}>
      <View className='doc-card__head'>
        {showCategory ? <Text className='doc-card__category'>{DOCUMENT_CATEGORY_LABELS[doc.category]}</Text> : null}
        <Text className='doc-card__title'>{doc.title}</Text>
      </View>
      {doc.summary ? <Text className='doc-card__summary'>{doc.summary}</Text> : null}
      {doc.publishedAt ? <Text className='doc-card__time'>发布于 {formatShanghai(doc.publishedAt).slice(0, 10)}</Text> : null}
    </View>
  )
}
