import type WechatLoginContract from './index'

// H5 has no wx.login and no phone button: the page's SMS login is the only way in.
const WechatLogin: typeof WechatLoginContract = () => null

export default WechatLogin
