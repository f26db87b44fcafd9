/**
 * Demo data for `npm start`: fictional hospitals at real district locations
 * (GB/T 2260 codes, approximate coordinates), so search, "nearby" and
 * dashboards have something true-to-life to work with. Never loaded in production.
 */
export interface DemoHospital {
  key: string;
  name: string;
  province: string;
  city: string;
  regionCode: string;
  address: string;
  latitude: number;
  longitude: number;
  serviceTier: 'standard' | 'premium';
  departments: string[];
}

export const DEMO_HOSPITALS: DemoHospital[] = [
  { key: 'bj', name: '北京东华医院', province: '北京市', city: '北京市', regionCode: '110101', address: '东城区东华大街 88 号', latitude: 39.928353, longitude: 116.416357, serviceTier: 'premium', departments: ['消化内科', '消化内镜中心', '呼吸与危重症医学科', '普外科', '设备科'] },
  { key: 'sh', name: '上海浦江医院', province: '上海市', city: '上海市', regionCode: '310101', address: '黄浦区浦江路 120 号', latitude: 31.231706, longitude: 121.484611, serviceTier: 'premium', departments: ['消化内科', '内镜中心', '呼吸内科', '泌尿外科'] },
  { key: 'gz', name: '广州越秀人民医院', province: '广东省', city: '广州市', regionCode: '440104', address: '越秀区中山二路 58 号', latitude: 23.129011, longitude: 113.266800, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '耳鼻咽喉科'] },
  { key: 'sz', name: '深圳福田中心医院', province: '广东省', city: '深圳市', regionCode: '440304', address: '福田区福华路 300 号', latitude: 22.541009, longitude: 114.055036, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '普外科', '手术室'] },
  { key: 'hz', name: '杭州西湖医院', province: '浙江省', city: '杭州市', regionCode: '330102', address: '上城区解放路 66 号', latitude: 30.242522, longitude: 120.169424, serviceTier: 'premium', departments: ['消化内科', '消化内镜中心', '呼吸内科', '泌尿外科', '设备科', '手术室'] },
  { key: 'nj', name: '南京鼓楼康华医院', province: '江苏省', city: '南京市', regionCode: '320106', address: '鼓楼区中山路 210 号', latitude: 32.066318, longitude: 118.770010, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '耳鼻咽喉科'] },
  { key: 'cd', name: '成都锦江医院', province: '四川省', city: '成都市', regionCode: '510107', address: '武侯区人民南路 37 号', latitude: 30.642035, longitude: 104.043430, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '呼吸与危重症医学科', '普外科'] },
  { key: 'wh', name: '武汉江汉医院', province: '湖北省', city: '武汉市', regionCode: '420103', address: '江汉区解放大道 1095 号', latitude: 30.601430, longitude: 114.270813, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '泌尿外科'] },
  { key: 'xa', name: '西安雁塔医院', province: '陕西省', city: '西安市', regionCode: '610113', address: '雁塔区雁塔西路 277 号', latitude: 34.213239, longitude: 108.947891, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '呼吸内科', '设备科'] },
  { key: 'jn', name: '济南泉城医院', province: '山东省', city: '济南市', regionCode: '370102', address: '历下区经十路 16766 号', latitude: 36.666531, longitude: 117.076210, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '普外科'] },
  { key: 'cs', name: '长沙湘江医院', province: '湖南省', city: '长沙市', regionCode: '430105', address: '开福区湘雅路 87 号', latitude: 28.255580, longitude: 112.985610, serviceTier: 'standard', departments: ['消化内科', '消化内镜中心', '耳鼻咽喉科', '手术室'] },
  { key: 'fz', name: '福州闽江医院', province: '福建省', city: '福州市', regionCode: '350102', address: '鼓楼区杨桥东路 134 号', latitude: 26.082223, longitude: 119.298020, serviceTier: 'standard', departments: ['消化内科', '内镜中心', '呼吸内科'] },
];

export const DEMO_MODELS = [
  { key: 'gif', name: 'QV-G290 电子胃镜', category: 'gastroscope', manufacturer: '清视医疗' },
  { key: 'cf', name: 'QV-C290 电子结肠镜', category: 'colonoscope', manufacturer: '清视医疗' },
  { key: 'bf', name: 'QV-B190 电子支气管镜', category: 'bronchoscope', manufacturer: '清视医疗' },
  { key: 'td', name: 'QV-D190 十二指肠镜', category: 'duodenoscope', manufacturer: '清视医疗' },
  { key: 'cv', name: 'QP-290 图像处理器', category: 'processor', manufacturer: '清视医疗' },
  { key: 'cl', name: 'QL-290 冷光源', category: 'light_source', manufacturer: '清视医疗' },
];

/** Units per hospital: [model key, department index]. */
export const DEMO_UNITS_PER_HOSPITAL: [string, number][] = [
  ['gif', 1], ['gif', 1], ['cf', 1], ['cv', 1], ['bf', 2],
];

export const DEMO_DEALER = {
  name: '华东医疗器械技术服务有限公司',
  contractRef: 'WT-2026-0012',
  purposes: ['onsite_check', 'pickup'],
};

export const DEMO_DOCUMENTS = [
  { category: 'safe_use', title: '内镜日常使用前检查清单', summary: '每次使用前 3 分钟：外观、弯曲、送气送水、吸引与图像检查。', body: '一、外观：检查插入部有无凹陷、褶皱和划痕。\n二、弯曲：上下左右旋钮转动顺畅，回位正常。\n三、送气送水：按压按钮，先端出水出气正常。\n四、吸引：吸引按钮回弹正常，无堵塞。\n五、图像：白平衡后图像清晰，无黑点或闪烁。\n发现任何异常，请停止使用并在“一键报修”中提交。' },
  { category: 'fault_prevention', title: '预防插入部损伤的五个习惯', summary: '咬口、收镜、转运、悬挂与存放：大部分插入部维修来自这五个环节。', body: '1. 检查全程使用咬口，防止患者咬伤。\n2. 退镜时不要强行弯曲先端部。\n3. 转运时使用专用转运箱，不要盘绕过紧。\n4. 清洗后垂直悬挂，先端不得触地。\n5. 存放柜保持干燥通风。' },
  { category: 'fault_prevention', title: '测漏：为什么每次清洗前都要做', summary: '内镜进水是最昂贵的维修之一；测漏能在进水前发现针孔。', body: '在每次手工清洗前进行测漏：连接测漏器，加压后将内镜完全浸没，弯曲各部位观察 30 秒，有连续气泡即为漏水。发现漏水请勿继续清洗，保持加压状态并报修。' },
  { category: 'reprocessing', title: '软式内镜清洗消毒流程（概要）', summary: '床旁预处理、测漏、清洗、漂洗、消毒、终末漂洗、干燥：每一步的要点。', body: '本文概述软式内镜再处理的主要步骤，具体以本院执行的行业标准与操作规程为准。\n床旁预处理：擦拭外表面，吸引清洗液。\n测漏：见《测漏：为什么每次清洗前都要做》。\n清洗：使用医用清洗剂，刷洗所有管道。\n漂洗、消毒、终末漂洗、干燥：按规程执行并记录。' },
  { category: 'reprocessing', title: '送修前的消毒证明', summary: '为保护维修人员，送修内镜需附清洗消毒记录。', body: '送修前请完成完整的清洗消毒流程，并在报修单中上传消毒记录照片。未附记录的工单将进入“等待消毒证明”状态，维修计时暂停。' },
];

export const DEMO_GIFTS = [
  { name: '医用防雾护目镜', description: '防雾防溅，可佩戴近视眼镜。', pointsPrice: 300, valueYuan: 45, stock: 200, perPersonLimit: 2 },
  { name: '不锈钢保温杯 450ml', description: '316 不锈钢内胆，12 小时保温。', pointsPrice: 500, valueYuan: 79, stock: 120, perPersonLimit: 1 },
  { name: '《消化内镜操作与维护》', description: '内镜操作与日常维护的实用参考书。', pointsPrice: 400, valueYuan: 68, stock: 80, perPersonLimit: 1 },
  { name: '10000mAh 移动电源', description: '轻薄机身，支持快充。', pointsPrice: 600, valueYuan: 99, stock: 60, perPersonLimit: 1 },
  { name: '定制笔记本', description: 'A5 尺寸，内含内镜保养要点速查页。', pointsPrice: 150, valueYuan: 20, stock: 500, perPersonLimit: 3 },
];

/** Demo sign-ins (README). Phone numbers are the dev SMS provider's test range. */
export const DEMO_ACCOUNTS = [
  { phone: '13800000001', role: 'admin', tier: null, name: '赵敏', position: '客服主管', label: '管理员 admin' },
  { phone: '13800000002', role: 'engineer', tier: null, name: '王磊', position: '维修工程师', label: '维修工程师 engineer' },
  { phone: '13800000003', role: 'dealer', tier: null, name: '孙强', position: '技术服务专员', label: '经销商 dealer' },
  { phone: '13800000004', role: 'staff', tier: 'general', name: '李静', position: '护士', label: '医院员工（普通）general staff' },
  { phone: '13800000005', role: 'staff', tier: 'advanced', name: '陈建华', position: '科主任', label: '医院员工（高级，管理两个科室）advanced staff' },
] as const;

/** The hospital and department the demo staff work in (北京东华医院 · 消化内镜中心). */
export const DEMO_STAFF_HOSPITAL = { key: 'bj', department: '消化内镜中心' };

/** The advanced demo user manages the staff department and this one. */
export const DEMO_STAFF_MANAGED_EXTRA = '消化内科';
