import { useState } from 'react'
import Taro from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import StatusTag from '../../../components/StatusTag'
import { JOB_STATUS_LABELS, JOB_STATUS_TAG, PRIVACY_JOB_LABELS } from '../../../labels/privacy.admin.zh'
import { jobResultLines, jobRunMessage, PRIVACY_JOBS, runPrivacyJob, type JobRunView, type PrivacyJob } from '../../../services/admin-privacy'
import { formatShanghai } from '../../../utils/format'

interface JobState {
  running: boolean
  /** The run this admin started last, as the server recorded it. */
  run?: JobRunView
  /** The call itself was refused or did not arrive. */
  error?: string
}

/** `用时 3 秒`: how long a finished run took. */
function tookText(run: JobRunView): string {
  if (!run.finishedAt) return ''
  const ms = Date.parse(run.finishedAt) - Date.parse(run.startedAt)
  if (Number.isNaN(ms) || ms < 0) return ''
  return ms < 1000 ? '用时不到 1 秒' : `用时 ${Math.round(ms / 1000)} 秒`
}

function RunResult({ job, run }: { job: PrivacyJob; run: JobRunView }) {
  const lines = jobResultLines(run.result)
  return (
    <View className='admin-privacy-job__result' data-testid='admin-privacy-job-result' data-job={job} data-status={run.status} data-run-id={run.id}>
      <View className='admin-privacy-job__result-head'>
        <StatusTag className='admin-privacy__tag' testId='admin-privacy-job-status' status={run.status} label={JOB_STATUS_LABELS[run.status]} type={JOB_STATUS_TAG[run.status]} />
        <Text className='admin-privacy__muted'>
          {formatShanghai(run.startedAt)} 开始{run.finishedAt ? ` · ${tookText(run)}` : ''}
        </Text>
      </View>
      {run.status === 'failed' ? (
        <View className='admin-privacy__stack'>
          <Text className='admin-privacy__error' data-testid='admin-privacy-job-failed'>
            任务运行失败，已处理的部分会保留，未处理的数据将在下次运行时继续处理。
          </Text>
          {run.error ? <Text className='admin-privacy__muted admin-privacy__mono'>{run.error}</Text> : null}
        </View>
      ) : null}
      {run.status === 'succeeded' && lines.length === 0 ? (
        <Text className='admin-privacy__muted' data-testid='admin-privacy-job-nothing'>
          {job === 'cancellation-purge' ? '没有冷静期已结束、需要清理的注销账号。' : '没有到期需要删除或匿名化的数据。'}
        </Text>
      ) : null}
      {lines.length > 0 ? (
        <View className='admin-privacy-job__counts' data-testid='admin-privacy-job-counts'>
          {lines.map((line) => (
            <View key={line.key} className='admin-privacy-job__count' data-testid='admin-privacy-job-count' data-key={line.key} data-value={line.value}>
              <Text className={`admin-privacy-job__count-value${/^\d+$/.test(line.value) ? '' : ' admin-privacy-job__count-value--text'}`}>{line.value}</Text>
              <Text className='admin-privacy-job__count-label'>{line.label}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Text className='admin-privacy__muted'>运行记录编号 {run.id}</Text>
    </View>
  )
}

/**
 * 运行任务: the nightly privacy jobs, run now on demand (数据保留清理,
 * 注销账号清理). Each run is confirmed first (it deletes for good), and its
 * record — status and counts — is shown under its button.
 */
export default function JobPanel() {
  const [states, setStates] = useState<Partial<Record<PrivacyJob, JobState>>>({})
  const anyRunning = Object.values(states).some((s) => s?.running)

  const set = (job: PrivacyJob, state: JobState) => setStates((all) => ({ ...all, [job]: state }))

  const run = async (job: PrivacyJob) => {
    if (anyRunning) return
    const label = PRIVACY_JOB_LABELS[job]
    const res = await Taro.showModal({ title: `运行${label.title}`, content: label.confirm, confirmText: '立即运行', confirmColor: '#f53f3f' })
    if (!res.confirm) return
    set(job, { running: true, run: states[job]?.run })
    try {
      const record = await runPrivacyJob(job)
      set(job, { running: false, run: record })
      void Taro.showToast({ title: record.status === 'failed' ? `${label.title}失败` : `${label.title}已完成`, icon: record.status === 'failed' ? 'none' : 'success' })
    } catch (err) {
      set(job, { running: false, error: jobRunMessage(err) })
    }
  }

  return (
    <View className='admin-privacy-jobs' data-testid='admin-privacy-jobs'>
      {PRIVACY_JOBS.map((job) => {
        const label = PRIVACY_JOB_LABELS[job]
        const state = states[job]
        return (
          <View key={job} className='admin-privacy-job' data-testid='admin-privacy-job' data-job={job}>
            <View className='admin-privacy-job__head'>
              <View className='admin-privacy__stack'>
                <Text className='admin-privacy__strong'>{label.title}</Text>
                <Text className='admin-privacy__muted'>{label.description}</Text>
              </View>
              <Button
                size='small'
                type='primary'
                loading={state?.running}
                disabled={anyRunning}
                onClick={() => void run(job)}
                data-testid={`admin-privacy-run-${job}`}
              >
                {state?.running ? '运行中…' : '立即运行'}
              </Button>
            </View>
            {state?.error ? (
              <Text className='admin-privacy__error' data-testid='admin-privacy-job-error' data-job={job}>
                {state.error}
              </Text>
            ) : null}
            {state?.run ? <RunResult job={job} run={state.run} /> : null}
          </View>
        )
      })}
    </View>
  )
}
