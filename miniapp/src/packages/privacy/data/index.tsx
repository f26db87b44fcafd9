import { useCallback, useEffect, useRef, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import { EXPORT_LINK_TTL_HOURS, type MyData } from '@shared/schemas/export.schema'
import type { Me } from '@shared/schemas/me.schema'
import { PageError, PageLoading } from '../../../components/PageState'
import SessionGate from '../../../components/SessionGate'
import { usePageReload } from '../../../hooks/usePageReload'
import { formatBytes } from '../../../labels/privacy.zh'
import { messageOf } from '../../../services/errors.zh'
import { getMyData } from '../../../services/my-data'
import { EXPORT_NEEDS_SHARE, exportMyData, shareExportFile, type MyDataExport } from '../../../services/my-data-export'
import { formatShanghai } from '../../../utils/format'
import { setMe } from '../../../stores/session'
import '../components/parts.scss'
import PhoneSheet from './PhoneSheet'
import ProfileSheet, { canEditProfile } from './ProfileSheet'
import { ConsentsSection, ListSections, ProfileSection } from './sections'
import '../../../components/Field/index.scss'
import './index.scss'


type Load = { kind: 'loading' } | { kind: 'ready'; data: MyData } | { kind: 'error'; error: unknown }

function ExportCard() {
  const [busy, setBusy] = useState(false)
  const [done, setDone] = useState<MyDataExport | null>(null)
  const [error, setError] = useState<string>()

  const run = async () => {
    if (busy) return
    setBusy(true)
    setError(undefined)
    try {
      setDone(await exportMyData())
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }

  const share = async () => {
    if (!done) return
    try {
      await shareExportFile(done)
    } catch {
      // Cancelled in WeChat's chat picker: the file stays saved; nothing to say.
    }
  }

  return (
    <View className='pv-card data-export' data-testid='data-export-card'>
      <Text className='pv-card__title'>导出我的数据</Text>
      <Text className='pv-text'>
        导出一个 JSON 文件，包含下面列出的全部信息（列表不限条数）。照片和语音以下载链接提供，{EXPORT_LINK_TTL_HOURS} 小时内有效，过期后可重新导出。
      </Text>
      <Text className='pv-muted'>文件包含您的完整手机号等个人信息，请妥善保管，不要转发给他人。</Text>
      <Button block type='primary' loading={busy} disabled={busy} onClick={() => void run()} data-testid='data-export'>
        {done ? '重新导出' : '导出我的数据'}
      </Button>
      {error ? (
        <Text className='pv-error' data-testid='data-export-error'>
          {error}
        </Text>
      ) : null}
      {done ? (
        <View className='data-export__done' data-testid='data-export-done' data-filename={done.filename}>
          {EXPORT_NEEDS_SHARE ? (
            <>
              <Text>{`已保存：${done.filename}（${formatBytes(done.size)}）`}</Text>
              <Text className='pv-muted'>点击下方按钮，把文件发送到微信聊天（例如“文件传输助手”），即可在电脑或手机上保存。</Text>
              <Button block fill='outline' type='primary' onClick={() => void share()} data-testid='data-export-share'>
                发送到聊天保存
              </Button>
            </>
          ) : (
            <Text>{`已下载：${done.filename}（${formatBytes(done.size)}），请在浏览器的下载文件夹中查看。`}</Text>
          )}
        </View>
      ) : null}
    </View>
  )
}

function MyDataPage({ me }: { me: Me }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' })
  const [profileOpen, setProfileOpen] = useState(false)
  const [phoneOpen, setPhoneOpen] = useState(false)
  const wantsEdit = useRouter().params.edit === 'profile'
  const openedEdit = useRef(false)

  const fetch = useCallback(async (quiet = false) => {
    if (!quiet) setLoad({ kind: 'loading' })
    try {
      setLoad({ kind: 'ready', data: await getMyData() })
    } catch (error) {
      if (quiet) void Taro.showToast({ title: messageOf(error), icon: 'none' })
      else setLoad({ kind: 'error', error })
    }
  }, [])
  usePageReload(fetch)

  // 隐私中心 → 更正资料: open the form once the page is there.
  useEffect(() => {
    if (!wantsEdit || openedEdit.current || load.kind !== 'ready') return
    openedEdit.current = true
    if (canEditProfile(me)) setProfileOpen(true)
  }, [wantsEdit, load.kind])

  const editable = canEditProfile(me)
  const phoneChangeable = me.status !== 'cancelling'

  return (
    <View className='pv-page my-data page-narrow' data-testid='data-page'>
      <ExportCard />
      {load.kind === 'loading' ? <PageLoading rows={10} /> : null}
      {load.kind === 'error' ? <PageError error={load.error} onRetry={() => void fetch()} /> : null}
      {load.kind === 'ready' ? (
        <>
          <ProfileSection data={load.data}>
            {editable || phoneChangeable ? (
              <View className='data-profile__actions'>
                {editable ? (
                  <Button fill='outline' type='primary' onClick={() => setProfileOpen(true)} data-testid='data-edit-profile'>
                    修改资料
                  </Button>
                ) : null}
                {phoneChangeable ? (
                  <Button fill='outline' type='primary' onClick={() => setPhoneOpen(true)} data-testid='data-change-phone'>
                    修改手机号
                  </Button>
                ) : null}
              </View>
            ) : null}
          </ProfileSection>
          <ConsentsSection data={load.data} />
          <ListSections data={load.data} />
          <Text className='pv-muted my-data__generated' data-testid='data-generated'>
            以上信息生成于 {formatShanghai(load.data.generatedAt)}。如发现有误，可以直接修改资料，或提交个人信息申请。
          </Text>
        </>
      ) : null}
      <ProfileSheet
        me={me}
        open={profileOpen}
        onClose={() => setProfileOpen(false)}
        onSaved={(updated) => {
          setMe(updated)
          setProfileOpen(false)
          void fetch(true)
        }}
      />
      <PhoneSheet
        me={me}
        open={phoneOpen}
        onClose={() => setPhoneOpen(false)}
        onChanged={() => {
          setPhoneOpen(false)
          void fetch(true)
        }}
      />
    </View>
  )
}

/** 我的数据: everything held about me (GET /me/data), the export file, and corrections (profile, phone). */
export default function MyDataRoute() {
  return <SessionGate className='pv-page my-data page-narrow'>{(me) => <MyDataPage me={me} />}</SessionGate>
}
