import Taro from '@tarojs/taro'

/** 发布, asked first: readers see it at once and it is offered as a suggestion. */
export async function confirmPublish(title: string): Promise<boolean> {
  const res = await Taro.showModal({
    title: '发布资料',
    content: `发布后，所有医院员工即可在资料库中看到《${title}》，并会在咨询时推荐。确定发布吗？`,
    confirmText: '发布',
  })
  return res.confirm
}

/** 下架, asked first: the document leaves the library (it is kept, and can be published again). */
export async function confirmRetire(title: string): Promise<boolean> {
  const res = await Taro.showModal({
    title: '下架资料',
    content: `下架后《${title}》将不再对员工显示，也不再推荐；资料会保留，可重新发布。确定下架吗？`,
    confirmText: '下架',
    confirmColor: '#f53f3f',
  })
  return res.confirm
}
