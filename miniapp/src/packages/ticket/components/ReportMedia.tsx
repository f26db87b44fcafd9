import { View } from '@tarojs/components'
import type { TicketDetail } from '@shared/schemas/tickets.schema'
import StoredImage from '../../../components/StoredImage'
import { Section } from './DetailSection'
import VoicePlayer from './VoicePlayer'

/** The fault photos and voice note sent with the report (each loaded with the session; tap a photo to enlarge). */
export default function ReportMedia({ media }: { media: TicketDetail['media'] }) {
  if (media.photoIds.length === 0 && !media.voiceId) return null
  return (
    <Section title='故障照片与语音' testId='ticket-media'>
      {media.photoIds.length > 0 ? (
        <View className='ticket-detail__photos' data-testid='ticket-photos'>
          {media.photoIds.map((id, i) => (
            <StoredImage key={id} fileId={id} alt={`故障照片 ${i + 1}`} testId='ticket-photo' />
          ))}
        </View>
      ) : null}
      {media.voiceId ? <VoicePlayer fileId={media.voiceId} /> : null}
    </Section>
  )
}
