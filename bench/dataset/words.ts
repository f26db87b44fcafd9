/** Fictional but plausible Chinese text for the dataset: names, places, departments, faults. */

export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
export const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红燕鹏辉飞宇浩凯健俊帆晨阳欣怡佳琪思雨子涵梓萱一诺慧婷颖琳雪梅晓东海波宁'.split('');

/** Province, city, and a GB/T 2260 code prefix (district digits are made up). */
export const CITIES: readonly { province: string; city: string; code: string; lat: number; lng: number }[] = [
  { province: '北京市', city: '北京市', code: '1101', lat: 39.9, lng: 116.4 },
  { province: '上海市', city: '上海市', code: '3101', lat: 31.2, lng: 121.5 },
  { province: '天津市', city: '天津市', code: '1201', lat: 39.1, lng: 117.2 },
  { province: '重庆市', city: '重庆市', code: '5001', lat: 29.6, lng: 106.5 },
  { province: '广东省', city: '广州市', code: '4401', lat: 23.1, lng: 113.3 },
  { province: '广东省', city: '深圳市', code: '4403', lat: 22.5, lng: 114.1 },
  { province: '江苏省', city: '南京市', code: '3201', lat: 32.1, lng: 118.8 },
  { province: '江苏省', city: '苏州市', code: '3205', lat: 31.3, lng: 120.6 },
  { province: '浙江省', city: '杭州市', code: '3301', lat: 30.3, lng: 120.2 },
  { province: '浙江省', city: '宁波市', code: '3302', lat: 29.9, lng: 121.6 },
  { province: '山东省', city: '济南市', code: '3701', lat: 36.7, lng: 117.0 },
  { province: '山东省', city: '青岛市', code: '3702', lat: 36.1, lng: 120.4 },
  { province: '四川省', city: '成都市', code: '5101', lat: 30.7, lng: 104.1 },
  { province: '湖北省', city: '武汉市', code: '4201', lat: 30.6, lng: 114.3 },
  { province: '湖南省', city: '长沙市', code: '4301', lat: 28.2, lng: 112.9 },
  { province: '河南省', city: '郑州市', code: '4101', lat: 34.7, lng: 113.6 },
  { province: '河北省', city: '石家庄市', code: '1301', lat: 38.0, lng: 114.5 },
  { province: '陕西省', city: '西安市', code: '6101', lat: 34.3, lng: 108.9 },
  { province: '福建省', city: '福州市', code: '3501', lat: 26.1, lng: 119.3 },
  { province: '福建省', city: '厦门市', code: '3502', lat: 24.5, lng: 118.1 },
  { province: '安徽省', city: '合肥市', code: '3401', lat: 31.8, lng: 117.2 },
  { province: '江西省', city: '南昌市', code: '3601', lat: 28.7, lng: 115.9 },
  { province: '辽宁省', city: '沈阳市', code: '2101', lat: 41.8, lng: 123.4 },
  { province: '辽宁省', city: '大连市', code: '2102', lat: 38.9, lng: 121.6 },
  { province: '吉林省', city: '长春市', code: '2201', lat: 43.9, lng: 125.3 },
  { province: '黑龙江省', city: '哈尔滨市', code: '2301', lat: 45.8, lng: 126.5 },
  { province: '云南省', city: '昆明市', code: '5301', lat: 25.0, lng: 102.7 },
  { province: '广西壮族自治区', city: '南宁市', code: '4501', lat: 22.8, lng: 108.4 },
  { province: '山西省', city: '太原市', code: '1401', lat: 37.9, lng: 112.5 },
  { province: '贵州省', city: '贵阳市', code: '5201', lat: 26.6, lng: 106.7 },
];

export const HOSPITAL_PATTERNS: readonly ((city: string, n: number) => string)[] = [
  (c, n) => `${c}第${'一二三四五六七八九十'[n % 10]}人民医院`,
  (c) => `${c}中心医院`,
  (c, n) => `${c.replace(/市$/, '')}医科大学附属第${'一二三四五'[n % 5]}医院`,
  (c) => `${c}中医院`,
  (c, n) => `${c}${['东', '西', '南', '北'][n % 4]}区人民医院`,
  (c) => `${c}妇幼保健院`,
  (c, n) => `${c}第${n + 2}医院`,
];

/** Busiest first: the weight of a department falls with its position here. */
export const DEPARTMENTS = [
  '内镜中心', '消化内科', '胃肠外科', '呼吸与危重症医学科', '耳鼻咽喉科', '泌尿外科', '肝胆外科', '普外科', '妇科', '胸外科',
  '肛肠科', '体检中心', '急诊科', '儿科', '麻醉科', '手术室', '肿瘤科', '老年医学科', '感染科', '重症医学科',
  '骨科', '神经外科', '心血管内科', '肾内科', '血液科', '内分泌科', '病理科', '口腔科', '眼科', '康复医学科',
] as const;

export const MODELS: readonly { name: string; category: string }[] = [
  { name: 'SD-G290 电子胃镜', category: 'gastroscope' },
  { name: 'SD-G260 电子胃镜', category: 'gastroscope' },
  { name: 'SD-GN190 超细胃镜', category: 'gastroscope' },
  { name: 'SD-C290 电子结肠镜', category: 'colonoscope' },
  { name: 'SD-C260 电子结肠镜', category: 'colonoscope' },
  { name: 'SD-CF190 放大结肠镜', category: 'colonoscope' },
  { name: 'SD-B190 电子支气管镜', category: 'bronchoscope' },
  { name: 'SD-BT160 治疗支气管镜', category: 'bronchoscope' },
  { name: 'SD-D290 十二指肠镜', category: 'duodenoscope' },
  { name: 'SD-U260 超声内镜', category: 'ultrasound_endoscope' },
  { name: 'SD-U190 环扫超声内镜', category: 'ultrasound_endoscope' },
  { name: 'SD-P290 图像处理器', category: 'processor' },
  { name: 'SD-P260 图像处理器', category: 'processor' },
  { name: 'SD-L290 冷光源', category: 'light_source' },
  { name: 'SD-L260 冷光源', category: 'light_source' },
  { name: 'SD-N150 鼻咽喉镜', category: 'gastroscope' },
  { name: 'SD-R120 膀胱镜', category: 'colonoscope' },
  { name: 'SD-H110 宫腔镜', category: 'colonoscope' },
];

export const FAULTS = [
  '图像发红，偶尔出现雪花点', '弯曲角度不足，向上打不到位', '先端部漏水，测漏时有气泡', '吸引按钮卡住，无法回弹',
  '送气送水不畅', '插入部外皮有褶皱和凹陷', '画面闪烁后黑屏', '活检孔道堵塞，器械无法通过', '光源亮度不足，画面偏暗',
  '操作部旋钮松动', '导光束接头处有裂纹', '测漏仪报警，怀疑漏水', '图像有黑点，镜面疑似划伤', '处理器开机报错 E-203',
  '冷光源灯泡寿命到期提示', '按钮功能失灵，冻结键无反应', '先端帽脱落', '图像色彩异常偏绿', '弯曲部橡皮破损',
  '清洗后发现插入管折痕',
];

export const FAULT_SUFFIXES = ['，今天上午检查时发现。', '，已停用，请尽快安排。', '，科室只有这一条镜子，比较着急。', '。', '，已做初步清洗消毒。', '，下午还有检查安排。'];

export const COMMENTS = [
  '请问工程师大概什么时候到？', '已收到，明天上午过去检查。', '配件已订，预计三天到货。', '镜子已送到维修站。', '问题已处理，请科室试用。',
  '试用正常，谢谢！', '需要科室先提供消毒证明。', '报价已发给设备科，等审批。', '已电话沟通，先借用备用镜。', '今天下午可以来取镜吗？',
];

export const FOUND = ['弯曲钢丝拉长', '先端部密封圈老化', 'CCD 连接线接触不良', '吸引阀磨损', '导光束部分断裂', '插入管外皮破损', '处理器主板电容老化'];
export const DONE = ['更换弯曲钢丝并调校角度', '更换密封圈并测漏通过', '重新焊接 CCD 连接线', '更换吸引阀', '更换导光束', '更换插入管外皮', '更换主板电容并老化测试'];
export const PARTS = ['弯曲钢丝 ×2', '密封圈 ×1', '吸引阀 ×1', '导光束 ×1', '插入管外皮 ×1', null, null];

export const POSITIONS = ['护士', '护士长', '主治医师', '住院医师', '副主任医师', '主任医师', '技师', '设备管理员'];
export const TITLES = ['初级', '中级', '副高', '正高', null];
