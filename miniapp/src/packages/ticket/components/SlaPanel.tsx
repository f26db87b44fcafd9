import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { SlaView } from '@shared/schemas/ticket-workflow.schema'
import { SLA_TIER_LABELS } from '../../../labels/ticket.zh'
import { describeSlaClock, slaTicks, type SlaKind } from '../../../utils/sla'

const KINDS: SlaKind[] = ['response', 'resolution']
const TICK_MS = 30_000

/** 响应 and 解决 time left (or 已暂停 / 已超时 / 已按时…); re-read every half minute while a clock runs. */
export default function SlaPanel({ sla }: { sla: SlaView }) {
  const [now, setNow] = useState(() => Date.now())
  const ticking = slaTicks([sla.response, sla.resolution])

  useEffect(() => {
    setNow(Date.now())
    if (!ticking) return undefined
    const timer = setInterval(() => setNow(Date.now()), TICK_MS)
    return () => clearInterval(timer)
  }, [ticking, sla])

  return (
    <View className='sla' data-testid='ticket-sla' data-tier={sla.tier}>
      <Text className='sla__caption'>服务时限 · {SLA_TIER_LABELS[sla.tier] ?? sla.tier} · 按工作时间计</Text>
      <View className='sla__clocks'>
        {KINDS.map((kind) => {
          const line = describeSlaClock(kind, sla[kind], now)
          return (
            <View key={kind} className={`sla__clock sla__clock--${line.tone}`} data-testid={`ticket-sla-${kind}`} data-state={sla[kind].state} data-tone={line.tone}>
              <Text className='sla__label'>{line.label}时限</Text>
              <Text className='sla__status'>{line.status}</Text>
              <Text className='sla__detail'>{line.detail}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
