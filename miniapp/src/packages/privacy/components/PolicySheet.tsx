import { useEffect, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import { Button, Popup, Skeleton } from '@nutui/nutui-react-taro'
import type { Policy } from '@shared/schemas/privacy.schema'
import { formatDateZh } from '../../../labels/privacy.zh'
import { messageOf } from '../../../services/errors.zh'
import { getPolicy } from '../../../services/privacy'

type Load = { kind: 'loading' } | { kind: 'ready'; policy: Policy } | { kind: 'error'; error: unknown }

/** The current privacy policy, read in a sheet (the consent page is for accepting it). */
export default function PolicySheet({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })

  const fetch = async () => {
    setLoad({ kind: 'loading' })
    try {
      setLoad({ kind: 'ready', policy: await getPolicy(true) })
    } catch (error) {
      setLoad({ kind: 'error', error })
    }
  }

  useEffect(() => {
    if (open) void fetch()
  }, [open])

  return (
    <Popup visible={open} position='bottom' round onClose={onClose}>
      {open ? (
        <View className='pv-sheet policy-sheet' data-testid='privacy-policy-sheet'>
          {load.kind === 'loading' ? <Skeleton rows={8} animated /> : null}
          {load.kind === 'error' ? (
            <View className='pv-card__head'>
              <Text className='pv-error'>{messageOf(load.error)}</Text>
              <Button size='small' type='primary' onClick={() => void fetch()}>
                重试
              </Button>
            </View>
          ) : null}
          {load.kind === 'ready' ? (
            <>
              <Text className='pv-sheet__title'>{load.policy.title}</Text>
              <Text className='pv-muted' data-testid='privacy-policy-version'>
                版本 {load.policy.version} · {formatDateZh(load.policy.publishedAt)} 发布
              </Text>
              <ScrollView scrollY className='policy-sheet__text' data-testid='privacy-policy-text'>
                <Text className='policy-sheet__body' userSelect>
                  {load.policy.text}
                </Text>
              </ScrollView>
            </>
          ) : null}
          <Button block onClick={onClose} data-testid='privacy-policy-close'>
            关闭
          </Button>
        </View>
      ) : null}
    </Popup>
  )
}
