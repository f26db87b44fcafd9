import { useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { PageEmpty, PageError, PageLoading } from '../../../../components/PageState'
import { fieldsText, PII_ACCESS_ACTION_LABELS } from '../../../../labels/privacy.admin.zh'
import { listTouchedSubjects, type TouchedSubject, type TouchedSubjectsPage } from '../../../../services/admin-privacy'
import { messageOf } from '../../../../services/errors.zh'
import { formatShanghai } from '../../../../utils/format'

type State =
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'ready'; items: TouchedSubject[]; nextCursor: string | null; unnamed: number; loadingMore: boolean; moreError?: string }

interface Props {
  query: { actorId: string; from: string; to: string }
  /** Search the log for everything about this person. */
  onSubject: (id: string) => void
  onClose: () => void
}

/**
 * 泄露应急 (PIPL Art. 57): everyone whose personal information one actor
 * touched in the range searched — to notify them and the authorities if an
 * account was misused. People in bulk exports that name no one are counted.
 */
export default function TouchedSubjects({ query, onSubject, onClose }: Props) {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const call = useRef(0)
  const key = `${query.actorId}|${query.from}|${query.to}`

  const load = async () => {
    const mine = ++call.current
    setState({ kind: 'loading' })
    try {
      const page: TouchedSubjectsPage = await listTouchedSubjects(query)
      if (mine === call.current) setState({ kind: 'ready', items: page.items, nextCursor: page.nextCursor, unnamed: page.unnamedSubjects, loadingMore: false })
    } catch (error) {
      if (mine === call.current) setState({ kind: 'error', error })
    }
  }

  useEffect(() => {
    void load()
  }, [key])

  const more = async () => {
    if (state.kind !== 'ready' || !state.nextCursor || state.loadingMore) return
    const mine = call.current
    setState({ ...state, loadingMore: true, moreError: undefined })
    try {
      const page = await listTouchedSubjects(query, { cursor: state.nextCursor })
      if (mine === call.current) {
        setState((s) => (s.kind === 'ready' ? { ...s, items: [...s.items, ...page.items], nextCursor: page.nextCursor, loadingMore: false } : s))
      }
    } catch (error) {
      if (mine === call.current) setState((s) => (s.kind === 'ready' ? { ...s, loadingMore: false, moreError: messageOf(error) } : s))
    }
  }

  return (
    <View className='admin-privacy__section admin-privacy-touched' data-testid='admin-access-log-touched'>
      <View className='admin-privacy__toolbar'>
        <View className='admin-privacy__section-head admin-privacy__grow'>
          <Text className='admin-privacy__section-title'>此操作人在所选期间接触过的人（泄露应急）</Text>
          <Text className='admin-privacy__muted'>
            {formatShanghai(query.from)} 至 {formatShanghai(query.to)}。如该账号被盗用或滥用，据此通知受影响的个人（《个人信息保护法》第五十七条）。
          </Text>
        </View>
        <Button fill='outline' size='small' onClick={onClose} data-testid='admin-access-log-touched-close'>
          收起
        </Button>
      </View>
      {state.kind === 'loading' ? <PageLoading rows={3} /> : null}
      {state.kind === 'error' ? <PageError error={state.error} onRetry={() => void load()} /> : null}
      {state.kind === 'ready' ? (
        <>
          <Text className='admin-privacy__strong' data-testid='admin-access-log-touched-summary' data-count={state.items.length} data-unnamed={state.unnamed}>
            共 {state.items.length}
            {state.nextCursor ? '+' : ''} 人{state.unnamed > 0 ? `；另有批量导出涉及未列名的 ${state.unnamed} 人次` : ''}
          </Text>
          {state.items.length === 0 && state.unnamed === 0 ? <PageEmpty title='此期间没有接触任何人的个人信息' /> : null}
          {state.items.length > 0 ? (
            <View className='admin-privacy-touched__grid'>
              {state.items.map((t) => (
                <View key={t.subject.id} className='admin-privacy-card' data-testid='admin-access-log-touched-row' data-id={t.subject.id} data-accesses={t.accesses}>
                  <View className='admin-privacy-card__head'>
                    <Text className='admin-privacy__link' onClick={() => onSubject(t.subject.id)}>
                      {t.subject.name ?? '（已注销用户）'}
                    </Text>
                    <Text className='admin-privacy__strong'>{t.accesses} 次</Text>
                  </View>
                  <Text className='admin-privacy__muted admin-privacy__mono admin-privacy__id'>{t.subject.id}</Text>
                  <Text className='admin-privacy__muted'>
                    {formatShanghai(t.firstAt)} — {formatShanghai(t.lastAt)}
                  </Text>
                  <Text>{t.actions.map((a) => PII_ACCESS_ACTION_LABELS[a]).join('、')}</Text>
                  <Text className='admin-privacy__muted'>涉及：{fieldsText(t.fields)}</Text>
                </View>
              ))}
            </View>
          ) : null}
          {state.nextCursor ? (
            <View className='admin-privacy-touched__more'>
              {state.moreError ? <Text className='admin-privacy__error'>{state.moreError}</Text> : null}
              <Button fill='outline' loading={state.loadingMore} disabled={state.loadingMore} onClick={() => void more()} data-testid='admin-access-log-touched-more'>
                {state.moreError ? '重试' : '加载更多'}
              </Button>
            </View>
          ) : null}
        </>
      ) : null}
    </View>
  )
}
