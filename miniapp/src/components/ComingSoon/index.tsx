import { Text, View } from '@tarojs/components'
import './index.scss'

interface Props {
  title: string
  description: string
}

/** The page a section shows until it is built: says what will be here, with no sample data. */
export default function ComingSoon({ title, description }: Props) {
  return (
    <View className='coming-soon'>
      <Text className='coming-soon__title'>{title}</Text>
      <Text className='coming-soon__description'>{description}</Text>
      <Text className='coming-soon__note'>此功能即将上线</Text>
    </View>
  )
}
