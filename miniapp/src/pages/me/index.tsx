import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { Cell, CellGroup } from '@nutui/nutui-react-taro'
import './index.scss'

// WeChat/SMS login arrives with the auth API; until then the entry says so instead of doing nothing.
function comingSoon(): void {
  void Taro.showToast({ title: '登录功能即将上线', icon: 'none', duration: 2000 })
}

export default function Me() {
  return (
    <View className='me'>
      <CellGroup>
        <Cell title='登录 / 注册' description='登录后可报修、查看工单和积分' onClick={comingSoon} />
      </CellGroup>
    </View>
  )
}
