import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button, Skeleton } from '@nutui/nutui-react-taro'
import type { CommentView } from '@shared/schemas/ticket-workflow.schema'
import StoredImage from '../../../components/StoredImage'
import { ROLE_LABELS } from '../../../labels/ticket.zh'
import { isApiError } from '../../../services/api-error'
import { messageOf } from '../../../services/errors.zh'
import { listComments } from '../../../services/ticket-comments'
import { formatShanghai } from '../../../utils/format'
import CommentComposer from './CommentComposer'

type State = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; items: CommentView[] } | { kind: 'hidden' }

interface Props {
  userId: string
  ticketId: string
  /** May write (tickets.comment) and the ticket is still open to notes. */
  canWrite: boolean
  /** Bumped by the page's pull-down refresh. */
  reloadKey: number
}

/** `我`, `李工（工程师）`, or just `工程师` where the server withholds names (a dealer's view). */
function authorLine(c: CommentView, mine: boolean): string {
  const role = ROLE_LABELS[c.author.role]
  if (mine) return role ? `我（${role}）` : '我'
  if (!c.author.name) return role ?? '—'
  return role ? `${c.author.name}（${role}）` : c.author.name
}

function CommentItem({ c, mine }: { c: CommentView; mine: boolean }) {
  return (
    <View className={`comment${mine ? ' comment--mine' : ''}`} data-testid='ticket-comment' data-comment-id={c.id}>
      <View className='comment__head'>
        <Text className='comment__author'>{authorLine(c, mine)}</Text>
        <Text className='comment__time'>{formatShanghai(c.createdAt)}</Text>
      </View>
      {c.body ? <Text className='comment__body'>{c.body}</Text> : null}
      {c.fileIds.length > 0 ? (
        <View className='comment__photos'>
          {c.fileIds.map((id, i) => (
            <StoredImage key={id} fileId={id} alt={`留言照片 ${i + 1}`} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

/** 留言: the notes on the ticket, oldest first, and the composer under them. */
export default function CommentsSection({ userId, ticketId, canWrite, reloadKey }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const latest = useRef(0)

  const load = useCallback(
    async (quiet: boolean) => {
      const call = ++latest.current
      if (!quiet) setState({ kind: 'loading' })
      try {
        const items = await listComments(ticketId)
        if (call === latest.current) setState({ kind: 'ready', items })
      } catch (error) {
        if (call !== latest.current) return
        // A viewer who may not read notes (the server's call) sees no section rather than an error.
        if (isApiError(error) && error.code === 'FORBIDDEN') setState({ kind: 'hidden' })
        else if (!quiet) setState({ kind: 'error', error })
      }
    },
    [ticketId],
  )

  useEffect(() => {
    void load(reloadKey > 0)
  }, [load, reloadKey])

  if (state.kind === 'hidden') return null
  const sent = (c: CommentView) =>
    setState((s) => (s.kind === 'ready' ? { kind: 'ready', items: [...s.items.filter((x) => x.id !== c.id), c] } : { kind: 'ready', items: [c] }))

  return (
    <View className='ticket-detail__section' data-testid='ticket-comments'>
      <Text className='ticket-detail__section-title'>留言{state.kind === 'ready' && state.items.length > 0 ? `（${state.items.length}）` : ''}</Text>
      {state.kind === 'loading' ? <Skeleton rows={2} animated /> : null}
      {state.kind === 'error' ? (
        <View className='timeline__error' data-testid='ticket-comments-error'>
          <Text>{messageOf(state.error)}</Text>
          <Button size='small' onClick={() => void load(false)}>
            重试
          </Button>
        </View>
      ) : null}
      {state.kind === 'ready' && state.items.length === 0 ? <Text className='ticket-detail__muted'>暂无留言</Text> : null}
      {state.kind === 'ready' ? state.items.map((c) => <CommentItem key={c.id} c={c} mine={c.author.id === userId} />) : null}
      {canWrite ? <CommentComposer userId={userId} ticketId={ticketId} onSent={sent} /> : null}
    </View>
  )
}
