import type { ConsentPurpose } from '../../../../shared/schemas/privacy.schema';

/**
 * The built-in privacy policy (version 1.0), loaded into an empty database.
 * Later versions are published through the admin API; this text is what a
 * fresh installation shows. Purposes are listed separately so the sensitive
 * ones are never bundled into "agree to the policy" (PIPL Art. 29, 23).
 */
export const BUILT_IN_POLICY = {
  version: '1.0',
  publishedAt: new Date('2026-11-01T00:00:00Z'),
  material: true,
  title: 'ScopeDesk 隐私政策',
  text: `更新日期：2026 年 11 月 1 日

ScopeDesk（以下简称“我们”）为医院内镜等医疗设备提供售后服务。本政策说明我们在您使用小程序和网页版时如何处理您的个人信息。我们依照《中华人民共和国个人信息保护法》及 GB/T 35273-2020《信息安全技术 个人信息安全规范》处理个人信息。

一、我们收集哪些信息、为什么收集
1. 手机号：用于登录和身份识别，并在维修过程中联系您。
2. 姓名、所在医院、科室、职务或职称、性别（可选“保密”）：用于核实您是医疗机构工作人员、安排维修和确定您的使用权限。
3. 工牌或执业证照片（敏感个人信息）：仅用于审核您的医疗专业人员身份，审核通过后 30 天内删除。需要您单独同意。
4. 故障照片和语音（默认按敏感个人信息处理，可能拍到患者信息或屏幕）：仅用于诊断设备故障。需要您单独同意。
5. 位置信息（敏感个人信息）：仅在您点击“附近的医院”时使用一次，用于推荐医院，不会保存。需要您单独同意。
6. 微信 OpenID：用于微信登录和发送您订阅的服务通知。
7. 报修联系人姓名和电话（可能是您的同事）：用于维修联系，提交前需确认该同事已同意。
8. 礼品收货信息、客服聊天记录、资料浏览记录、服务评价：分别用于礼品寄送、客户服务、改进资料库和服务质量。

二、委托处理与向第三方提供
经您单独同意，我们会将报修工单中完成上门检查或取送设备所必需的信息（工单号、设备型号和序列号、故障描述、医院科室、联系人姓名和电话）提供给受我们委托的经销商。每次提供都会被记录，您可以在“我的”中查看。除此之外，我们不会向任何第三方出售或提供您的个人信息。

三、存储地点和期限
您的个人信息全部存储在中国境内，不会向境外提供。工牌照片在审核通过后 30 天内删除；聊天记录保存 3 年；工单保存 5 年后匿名化处理；注销账号后，您的个人信息在 15 天内删除或匿名化。

四、我们如何保护您的信息
个人信息在存储时加密，默认以掩码方式显示；所有查看工牌照片、完整手机号或导出数据的操作都有记录。

五、您的权利
您可以在“我的”中查看、复制、导出和更正您的个人信息，撤回单独同意（不影响撤回前的处理，也不影响与之无关的功能），以及注销账号。需要人工处理的请求，我们将在 15 个工作日内答复。

六、未成年人
本服务仅面向年满 18 周岁的医疗机构工作人员。

七、政策更新
政策发生重大变化时，我们会请您重新阅读并同意后再继续使用。

如有疑问，请通过小程序内“客服”联系我们。`,
};

export const PURPOSE_TEXT: Record<ConsentPurpose, { title: string; description: string; required: boolean; sensitive: boolean }> = {
  service: { title: '同意隐私政策', description: '处理手机号、姓名、医院科室等信息以提供报修、进度查询和客服服务。', required: true, sensitive: false },
  badge_photo: { title: '工牌或执业证照片', description: '上传照片用于审核您的医疗专业人员身份，审核通过后 30 天内删除。', required: false, sensitive: true },
  fault_media: { title: '故障照片和语音', description: '报修时上传的照片和语音可能包含患者信息，仅用于诊断故障。', required: false, sensitive: true },
  location: { title: '位置信息', description: '点击“附近的医院”时使用一次，用于推荐医院，不会保存。', required: false, sensitive: true },
  dealer_sharing: { title: '向受托经销商提供工单信息', description: '上门检查或取送设备时，向受托经销商提供完成该工单所必需的信息，每次提供都会记录。', required: false, sensitive: false },
};
