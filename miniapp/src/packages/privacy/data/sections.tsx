import type { ReactNode } from 'react'
import { Text } from '@tarojs/components'
import type { MediaRef, MyData } from '@shared/schemas/export.schema'
import type { PointsReason } from '@shared/schemas/points.schema'
import type { OrderStatus } from '@shared/schemas/redemptions.schema'
import type { TicketStatus } from '@shared/tickets'
import { ACCESS_STATUS_LABELS, namesOf, tierLabel } from '../../../labels/access.zh'
import { ORDER_STATUS_LABELS, POINTS_REASON_LABELS } from '../../../labels/points.zh'
import {
  CHAT_FROM_LABELS,
  CONSENT_ACTION_LABELS,
  CONSENT_PURPOSE_LABELS,
  LOGIN_STATE_LABELS,
  looseStatusLabel,
  MEDIA_KIND_LABELS,
  MY_DATA_SECTION_LABELS,
  PRIVACY_REQUEST_STATUS_LABELS,
  PRIVACY_REQUEST_TYPE_LABELS,
  provisionFieldLabel,
  provisionPurposeLabel,
  REFUSAL_REASON_LABELS,
} from '../../../labels/privacy.zh'
import { ROLE_LABELS, TICKET_STATUS_LABELS } from '../../../labels/ticket.zh'
import { GENDER_LABELS, USER_STATUS_LABELS } from '../../../labels/user.zh'
import { formatShanghai } from '../../../utils/format'
import Section, { Entry, Line } from './Section'

const time = formatShanghai

function mediaSummary(media: readonly MediaRef[]): string {
  if (media.length === 0) return ''
  const counts = new Map<string, number>()
  for (const m of media) counts.set(MEDIA_KIND_LABELS[m.purpose], (counts.get(MEDIA_KIND_LABELS[m.purpose]) ?? 0) + 1)
  return `${[...counts].map(([k, n]) => `${k} ${n} 个`).join('，')}（导出的文件中可下载）`
}

function secondsText(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`
  return `${Math.round(seconds / 60)} 分钟`
}

const ticketStatus = (s: string) => looseStatusLabel(s, TICKET_STATUS_LABELS as Record<TicketStatus, string>)
const orderStatus = (s: string) => looseStatusLabel(s, ORDER_STATUS_LABELS as Record<OrderStatus, string>)
const pointsReason = (r: string) => (POINTS_REASON_LABELS as Record<string, string>)[r as PointsReason] ?? r

export function ProfileSection({ data, children }: { data: MyData; children?: ReactNode }) {
  const p = data.profile
  return (
    <Section id='profile' title={MY_DATA_SECTION_LABELS.profile} total={null} defaultOpen>
      <Line label='姓名' value={p.name ?? '未填写'} />
      <Line label='手机号' value={p.phoneMasked ?? '未绑定'} />
      <Line label='性别' value={p.gender ? GENDER_LABELS[p.gender] : '未填写'} />
      <Line label='医院' value={p.hospital?.name ?? '未填写'} />
      <Line label='科室' value={p.department?.name ?? '未填写'} />
      <Line label='职务' value={p.position ?? '未填写'} />
      <Line label='职称' value={p.title ?? '未填写'} />
      <Line label='账号状态' value={USER_STATUS_LABELS[p.status]} />
      <Line label='用户类型' value={ROLE_LABELS[p.role] ?? p.role} />
      <Line label='权限级别' value={tierLabel(p.tier)} />
      <Line label='管理的科室' value={p.managedDepartments.length > 0 ? namesOf(p.managedDepartments) : ''} />
      <Line label='工牌照片' value={p.badge ? `已保存（${time(p.badge.uploadedAt)} 上传）` : '未保存'} />
      <Line label='微信' value={p.wechatBound ? '已绑定（保存微信 OpenID）' : '未绑定'} />
      <Line label='年满 18 周岁' value={p.adultConfirmedAt ? `${time(p.adultConfirmedAt)} 确认` : ''} />
      <Line label='提交注册' value={time(p.registeredAt)} />
      <Line label='审核时间' value={time(p.decidedAt)} />
      <Line label='未通过原因' value={p.rejectionReason} />
      <Line label='账号创建' value={time(p.accountCreatedAt)} />
      <Line label='注销' value={p.cancellation ? `${time(p.cancellation.requestedAt)} 申请，${time(p.cancellation.purgeAfter)} 后删除` : ''} />
      {children}
    </Section>
  )
}

export function ConsentsSection({ data }: { data: MyData }) {
  const c = data.consents
  return (
    <Section id='consents' title={MY_DATA_SECTION_LABELS.consents} total={c.history.total} shown={c.history.items.length} defaultOpen>
      <Entry title='当前授权' testId='data-consent-current'>
        <Line label='政策版本' value={c.current.policyVersion ?? '未同意'} />
        <Line label='已同意' value={c.current.purposes.map((p) => CONSENT_PURPOSE_LABELS[p]).join('、') || '无'} />
      </Entry>
      {c.history.items.map((h, i) => (
        <Entry key={`${h.at}-${i}`} title={`${CONSENT_ACTION_LABELS[h.action]}：${h.purposes.map((p) => CONSENT_PURPOSE_LABELS[p]).join('、')}`} side={time(h.at)} testId='data-consent-record'>
          <Line label='政策版本' value={`${h.policyVersion}${h.policyPublishedAt ? `（${time(h.policyPublishedAt).slice(0, 10)} 发布）` : ''}`} />
          <Line label='文本摘要' value={h.textHash.slice(0, 16)} />
        </Entry>
      ))}
    </Section>
  )
}

export function ListSections({ data }: { data: MyData }) {
  return (
    <>
      <Section id='tickets' title={MY_DATA_SECTION_LABELS.tickets} total={data.tickets.total} shown={data.tickets.items.length}>
        {data.tickets.items.map((t) => (
          <Entry key={t.id} title={`${t.number} · ${ticketStatus(t.status)}`} side={time(t.createdAt)}>
            <Line label='医院科室' value={`${t.hospital.name} · ${t.department.name}`} />
            <Line label='设备' value={[t.equipment.model, t.equipment.serial].filter(Boolean).join(' · ')} />
            <Line label='故障描述' value={t.description} />
            <Line label='联系人' value={`${t.contactName} ${t.contactPhone}`} />
            <Line label='照片语音' value={mediaSummary(t.media)} />
            <Line label='评价' value={t.rating ? `${t.rating.score} 分${t.rating.comment ? `：${t.rating.comment}` : ''}` : ''} />
          </Entry>
        ))}
      </Section>

      <Section id='ticketComments' title={MY_DATA_SECTION_LABELS.ticketComments} total={data.ticketComments.total} shown={data.ticketComments.items.length}>
        {data.ticketComments.items.map((c) => (
          <Entry key={c.id} title={`工单 ${c.ticketNumber}`} side={time(c.at)}>
            <Line label='内容' value={c.body} />
            <Line label='附件' value={mediaSummary(c.media)} />
          </Entry>
        ))}
      </Section>

      <Section id='chats' title={MY_DATA_SECTION_LABELS.chats} total={data.chats.total} shown={data.chats.items.length}>
        {data.chats.items.map((c) => (
          <Entry key={c.id} title={`${time(c.createdAt)} 的咨询${c.ticketNumber ? `（工单 ${c.ticketNumber}）` : ''}`} side={`${c.messageCount} 条消息`}>
            <Line label='状态' value={looseStatusLabel(c.status)} />
            {c.messages.map((m) => (
              <Line
                key={m.id}
                label={`${CHAT_FROM_LABELS[m.from]} ${time(m.at).slice(5)}`}
                value={m.kind === 'text' ? m.text ?? '' : m.kind === 'image' ? '[图片]' : '[语音]'}
              />
            ))}
          </Entry>
        ))}
      </Section>

      <Section id='browsing' title={MY_DATA_SECTION_LABELS.browsing} total={data.browsing.total} shown={data.browsing.items.length}>
        {data.browsing.items.map((b, i) => (
          <Entry key={`${b.document.id}-${b.openedAt}-${i}`} title={b.document.title} side={time(b.openedAt)}>
            <Line label='阅读时长' value={secondsText(b.secondsRead)} />
          </Entry>
        ))}
      </Section>

      <Section id='points' title={MY_DATA_SECTION_LABELS.points} total={data.points.ledger.total} shown={data.points.ledger.items.length}>
        <Text className='pv-text' data-testid='data-points-balance'>
          当前积分：{data.points.balance}
        </Text>
        {data.points.ledger.items.map((e, i) => (
          <Entry key={`${e.at}-${i}`} title={`${pointsReason(e.reason)} ${e.delta > 0 ? `+${e.delta}` : e.delta}`} side={time(e.at)}>
            <Line label='余额' value={String(e.balanceAfter)} />
            <Line label='说明' value={e.note} />
          </Entry>
        ))}
      </Section>

      <Section id='addresses' title={MY_DATA_SECTION_LABELS.addresses} total={data.addresses.total} shown={data.addresses.items.length}>
        {data.addresses.items.map((a) => (
          <Entry key={a.id} title={`${a.recipientName} ${a.phone}`} side={a.isDefault ? '默认地址' : undefined}>
            <Line label='地址' value={`${a.province}${a.city === a.province ? '' : a.city}${a.district} ${a.detail}`} />
            <Line label='保存时间' value={time(a.createdAt)} />
          </Entry>
        ))}
      </Section>

      <Section id='orders' title={MY_DATA_SECTION_LABELS.orders} total={data.orders.total} shown={data.orders.items.length}>
        {data.orders.items.map((o) => (
          <Entry key={o.number} title={`${o.giftName} × ${o.quantity} · ${orderStatus(o.status)}`} side={time(o.createdAt)}>
            <Line label='订单号' value={o.number} />
            <Line label='积分' value={String(o.pointsTotal)} />
            <Line label='收货人' value={`${o.address.recipientName} ${o.address.phone}`} />
            <Line label='收货地址' value={`${o.address.province}${o.address.city === o.address.province ? '' : o.address.city}${o.address.district} ${o.address.detail}`} />
            <Line label='物流' value={o.carrier ? `${o.carrier} ${o.trackingNo ?? ''}` : ''} />
            <Line label='取消原因' value={o.cancelReason} />
          </Entry>
        ))}
      </Section>

      <Section id='provisions' title={MY_DATA_SECTION_LABELS.provisions} total={data.provisions.total} shown={data.provisions.items.length} empty='您的信息还没有提供给任何第三方'>
        {data.provisions.items.map((p, i) => (
          <Entry key={`${p.ticketNumber}-${p.at}-${i}`} title={p.dealer} side={time(p.at)}>
            <Line label='工单' value={p.ticketNumber} />
            <Line label='用途' value={provisionPurposeLabel(p.purpose)} />
            <Line label='提供的信息' value={p.fields.map(provisionFieldLabel).join('、')} />
          </Entry>
        ))}
      </Section>

      <Section id='accessRequests' title={MY_DATA_SECTION_LABELS.accessRequests} total={data.accessRequests.total} shown={data.accessRequests.items.length}>
        {data.accessRequests.items.map((a) => (
          <Entry key={a.id} title={`${looseStatusLabel(a.status, ACCESS_STATUS_LABELS)}`} side={time(a.createdAt)}>
            <Line label='申请的科室' value={namesOf(a.requestedDepartments)} />
            <Line label='批准的科室' value={namesOf(a.grantedDepartments)} />
            <Line label='职务' value={a.position} />
            <Line label='理由' value={a.reason} />
            <Line label='审核说明' value={a.decisionReason} />
          </Entry>
        ))}
      </Section>

      <Section id='privacyRequests' title={MY_DATA_SECTION_LABELS.privacyRequests} total={data.privacyRequests.total} shown={data.privacyRequests.items.length}>
        {data.privacyRequests.items.map((r) => (
          <Entry key={r.id} title={`${PRIVACY_REQUEST_TYPE_LABELS[r.type]} · ${PRIVACY_REQUEST_STATUS_LABELS[r.status]}`} side={time(r.createdAt)}>
            <Line label='说明' value={r.details} />
            <Line label='答复期限' value={time(r.dueAt)} />
            <Line label='结果' value={r.outcome} />
            <Line label='拒绝理由' value={r.refusalReason ? REFUSAL_REASON_LABELS[r.refusalReason] : ''} />
          </Entry>
        ))}
      </Section>

      <Section id='loginHistory' title={MY_DATA_SECTION_LABELS.loginHistory} total={data.loginHistory.total} shown={data.loginHistory.items.length}>
        <Text className='pv-muted'>我们不记录登录的设备、IP 地址或位置。</Text>
        {data.loginHistory.items.map((l, i) => (
          <Entry key={`${l.startedAt}-${i}`} title={`${time(l.startedAt)} 登录`} side={l.current ? '当前登录' : LOGIN_STATE_LABELS[l.state]}>
            <Line label='最近使用' value={time(l.lastUsedAt)} />
            <Line label='结束时间' value={time(l.endedAt)} />
          </Entry>
        ))}
      </Section>

      <Section id='notifications' title={MY_DATA_SECTION_LABELS.notifications} total={data.notifications.total} shown={data.notifications.items.length}>
        {data.notifications.items.map((n, i) => (
          <Entry key={`${n.at}-${i}`} title={n.title} side={time(n.at)}>
            <Line label='内容' value={n.body} />
            <Line label='已读' value={n.readAt ? time(n.readAt) : '未读'} />
          </Entry>
        ))}
      </Section>
    </>
  )
}
