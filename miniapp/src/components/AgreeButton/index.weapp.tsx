import { Button } from '@nutui/nutui-react-taro'
import type AgreeButtonContract from './index'

// NutUI does not pass `disabled` to the native button, so a disabled button must
// not carry the open-type either, or WeChat would record an agreement nobody gave.
const AgreeButton: typeof AgreeButtonContract = ({ disabled, loading, onClick, children }) => (
  <Button
    block
    type='primary'
    id='agree-privacy'
    openType={disabled || loading ? undefined : 'agreePrivacyAuthorization'}
    disabled={disabled}
    loading={loading}
    onClick={onClick}
    data-testid='consent-accept'
  >
    {children}
  </Button>
)

export default AgreeButton
