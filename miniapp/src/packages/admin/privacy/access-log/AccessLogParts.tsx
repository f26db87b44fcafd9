import { Text, View } from '@tarojs/components'
import { fieldsText, PII_ACCESS_ACTION_LABELS, purposeLabel, ROLE_LABELS } from '../../../../labels/privacy.admin.zh'
import { actorLine, subjectLine, type PiiAccessView } from '../../../../services/admin-privacy'
import { formatShanghai } from '../../../../utils/format'

/** Who looked; a tap searches for everything this person looked at. */
export function ActorCell({ row, onActor }: { row: PiiAccessView; onActor: (id: string) => void }) {
  const actor = row.actor
  return (
    <View className='admin-privacy__stack'>
      {actor ? (
        <Text className='admin-privacy__link' onClick={() => onActor(actor.id)} data-testid='admin-access-log-actor-name' data-id={actor.id}>
          {actorLine(row, ROLE_LABELS)}
        </Text>
      ) : (
        <Text data-testid='admin-access-log-actor-name'>{actorLine(row, ROLE_LABELS)}</Text>
      )}
      {actor ? <Text className='admin-privacy__muted admin-privacy__mono admin-privacy__id'>{actor.id}</Text> : null}
    </View>
  )
}

/** Whose data; a tap searches for everything about this person. */
export function SubjectCell({ row, onSubject }: { row: PiiAccessView; onSubject: (id: string) => void }) {
  const subject = row.subject
  return (
    <View className='admin-privacy__stack'>
      {subject ? (
        <Text className='admin-privacy__link' onClick={() => onSubject(subject.id)} data-testid='admin-access-log-subject-name' data-id={subject.id}>
          {subjectLine(row)}
        </Text>
      ) : (
        <Text data-testid='admin-access-log-subject-name'>{subjectLine(row)}</Text>
      )}
      {subject ? <Text className='admin-privacy__muted admin-privacy__mono admin-privacy__id'>{subject.id}</Text> : null}
    </View>
  )
}

export function ActionText({ row }: { row: PiiAccessView }) {
  return (
    <Text className='admin-privacy__strong' data-testid='admin-access-log-action' data-action={row.action}>
      {PII_ACCESS_ACTION_LABELS[row.action]}
    </Text>
  )
}

export function FieldsText({ row }: { row: PiiAccessView }) {
  return <Text data-testid='admin-access-log-fields'>{fieldsText(row.fields)}</Text>
}

export function PurposeText({ row }: { row: PiiAccessView }) {
  return <Text data-testid='admin-access-log-purpose'>{purposeLabel(row.purpose) || '—'}</Text>
}

/** The request id ties a row to the server's logs. */
export function RequestIdText({ row }: { row: PiiAccessView }) {
  return (
    <Text className='admin-privacy__mono admin-privacy__id' data-testid='admin-access-log-request-id'>
      {row.requestId ?? '—'}
    </Text>
  )
}

/** An entry on a phone-width screen. */
export function AccessLogCard({ row, onActor, onSubject }: { row: PiiAccessView; onActor: (id: string) => void; onSubject: (id: string) => void }) {
  return (
    <View className='admin-privacy-card' data-testid='admin-access-log-row' data-id={row.id} data-action={row.action}>
      <View className='admin-privacy-card__head'>
        <ActionText row={row} />
        <Text className='admin-privacy__muted' data-testid='admin-access-log-time'>
          {formatShanghai(row.createdAt)}
        </Text>
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>操作人</Text>
        <ActorCell row={row} onActor={onActor} />
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>被查看人</Text>
        <SubjectCell row={row} onSubject={onSubject} />
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>涉及信息</Text>
        <FieldsText row={row} />
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>目的</Text>
        <PurposeText row={row} />
      </View>
      <View className='admin-privacy-card__line'>
        <Text className='admin-privacy__label'>请求编号</Text>
        <RequestIdText row={row} />
      </View>
    </View>
  )
}
