import { Button } from '@nutui/nutui-react-taro'
import type AgreeButtonContract from './index'

const AgreeButton: typeof AgreeButtonContract = ({ disabled, loading, onClick, children }) => (
  <Button block type='primary' disabled={disabled} loading={loading} onClick={onClick} data-testid='consent-accept'>
    {children}
  </Button>
)

export default AgreeButton
