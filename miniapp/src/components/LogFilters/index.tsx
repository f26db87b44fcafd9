import { createContext, useContext, type ReactNode } from 'react'
import { Input, Text, View } from '@tarojs/components'
import { Button } from '@nutui/nutui-react-taro'
import type { LogSearchForm } from '../../hooks/useLogSearch'
import { todayShanghai } from '../../utils/format'
import DateInput from '../DateInput'
import './index.scss'

// The search card of the append-only logs (管理操作日志, 个人信息访问日志), driven by
// hooks/useLogSearch. The filters inside take the search and the page's test-id prefix
// from the card: `${testIdPrefix}-actor`, `-subject`, `-from`, `-to` (each error `…-error`).

interface Card {
  search: LogSearchForm
  testIdPrefix: string
}

const CardContext = createContext<Card | null>(null)

function useCard(): Card {
  const card = useContext(CardContext)
  if (!card) throw new Error('A log filter belongs inside <LogFilters>')
  return card
}

interface Props extends Card {
  /** What the shown rows were searched by, in words. */
  applied: string
  /** The filters: FilterRow, DateRangeFilter, …. */
  children: ReactNode
}

/** The card: the filters, then 当前：… with 重置 and 查询. */
export default function LogFilters({ search, testIdPrefix, applied, children }: Props) {
  return (
    <CardContext.Provider value={{ search, testIdPrefix }}>
      <View className='log-filters' data-testid={`${testIdPrefix}-filters`}>
        {children}
        <View className='log-filters__buttons'>
          <Text className='log-filters__applied' data-testid={`${testIdPrefix}-applied`}>
            当前：{applied}
          </Text>
          <Button fill='outline' size='small' onClick={() => search.reset()} data-testid={`${testIdPrefix}-reset`}>
            重置
          </Button>
          <Button type='primary' size='small' loading={search.searching} onClick={() => search.search(search.form)} data-testid={`${testIdPrefix}-search`}>
            查询
          </Button>
        </View>
      </View>
    </CardContext.Provider>
  )
}

/** One or two filters side by side (one column on a phone). */
export function FilterRow({ children }: { children: ReactNode }) {
  return <View className='log-filters__row'>{children}</View>
}

/** A labelled filter with its error under it. */
export function FilterField({ label, error, errorTestId, children }: { label: string; error?: string; errorTestId?: string; children: ReactNode }) {
  return (
    <View className='log-filter'>
      <Text className='log-filter__label'>{label}</Text>
      {children}
      {error ? (
        <Text className='log-filter__error' data-testid={errorTestId}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}

/** A search box for a person: typing clears its error, Enter searches. */
function PersonFilter({ field, label, placeholder }: { field: 'actor' | 'subject'; label: string; placeholder: string }) {
  const { search, testIdPrefix } = useCard()
  const error = search.errors[field]
  const testId = `${testIdPrefix}-${field}`
  return (
    <FilterField label={label} error={error} errorTestId={`${testId}-error`}>
      <View className={`log-filter__search${error ? ' log-filter__search--error' : ''}`} data-testid={testId}>
        <Input
          className='log-filter__search-input'
          placeholder={placeholder}
          maxlength={40}
          value={search.form[field]}
          onInput={(e) => search.change({ [field]: e.detail.value })}
          onConfirm={() => search.search(search.form)}
        />
      </View>
    </FilterField>
  )
}

/** Who acted, by user id (a name in the table fills it too). */
export function ActorFilter() {
  return <PersonFilter field='actor' label='操作人（用户 ID）' placeholder='如 0193…，点击表格中的姓名也可筛选' />
}

/** Whom it concerned, by phone or user id; the page names the person (对象, 被查看人). */
export function SubjectFilter({ label }: { label: string }) {
  return <PersonFilter field='subject' label={label} placeholder='11 位手机号，或用户 ID' />
}

/** 开始日期 and 结束日期 (Shanghai days), neither after today; a date searches at once. */
export function DateRangeFilter() {
  const { search, testIdPrefix } = useCard()
  const { form } = search
  const today = todayShanghai()
  return (
    <FilterRow>
      <FilterField label='开始日期'>
        <DateInput value={form.from} onChange={(from) => search.search({ ...form, from })} placeholder='不限' label='开始日期' max={form.to || today} testId={`${testIdPrefix}-from`} />
      </FilterField>
      <FilterField label='结束日期' error={search.errors.to} errorTestId={`${testIdPrefix}-to-error`}>
        <DateInput value={form.to} onChange={(to) => search.search({ ...form, to })} placeholder='不限' label='结束日期' min={form.from || undefined} max={today} testId={`${testIdPrefix}-to`} />
      </FilterField>
    </FilterRow>
  )
}
