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

/**
 * The demo library (HTML bodies, as the admin editor saves them): fault
 * prevention, safe use and reprocessing, so search and the quick-answer
 * suggestions have something true-to-life to find. General guidance only;
 * each hospital's own procedures and the manufacturer's manual prevail.
 */
export const DEMO_DOCUMENTS = [
  {
    category: 'safe_use',
    title: '内镜日常使用前检查清单',
    summary: '每次使用前 3 分钟：外观、弯曲、送气送水、吸引与图像检查。',
    body: '<p>每次使用前用 3 分钟完成以下检查，可以在患者检查开始前发现大多数故障。</p><h3>一、外观</h3><p>检查插入部有无凹陷、褶皱、咬痕和划痕，弯曲部橡皮有无松弛、鼓起或破损。</p><h3>二、弯曲</h3><p>上下左右旋钮转动顺畅，松开后能自然回位，弯曲角度与平时一致。</p><h3>三、送气送水</h3><p>按压送气送水按钮，先端出水、出气正常，按钮回弹正常。</p><h3>四、吸引</h3><p>吸引按钮回弹正常，吸引有力、无堵塞。</p><h3>五、图像</h3><p>白平衡后图像清晰，无黑点、雾状或闪烁。</p><p>发现任何异常，请停止使用并在“一键报修”中提交。</p>',
  },
  {
    category: 'fault_prevention',
    title: '预防插入部损伤的五个习惯',
    summary: '咬口、收镜、转运、悬挂与存放：大部分插入管维修来自这五个环节。',
    body: '<p>插入管外皮破损、褶皱和咬痕是最常见的维修原因之一，一旦外皮破损，内镜很快就会进水。</p><ol><li><strong>咬口：</strong>经口检查全程使用咬口，患者躁动时由助手扶稳，防止患者咬伤插入管。</li><li><strong>退镜：</strong>退镜时先将旋钮回到自然位置，不要在弯曲状态下强行拉出先端部。</li><li><strong>转运：</strong>使用专用转运箱，插入管盘绕不要过紧，不要折弯或被箱盖压住。</li><li><strong>悬挂：</strong>清洗后垂直悬挂，先端不得触地或碰撞柜壁。</li><li><strong>存放：</strong>储镜柜保持干燥通风，插入管不要与其他器械挤压。</li></ol><p>插入管出现凹陷、褶皱或外皮起泡时，请停止使用、做测漏并报修。</p>',
  },
  {
    category: 'fault_prevention',
    title: '测漏：为什么每次清洗前都要做',
    summary: '内镜进水是最昂贵的维修之一；测漏能在进水前发现针孔。测漏不通过时的处理步骤。',
    body: '<p>内镜进水往往从一个肉眼看不见的针孔开始。每次手工清洗前进行测漏，可以在液体进入内镜内部之前发现漏点。</p><h3>怎样测漏</h3><ol><li>确认防水帽已盖好，连接测漏器并加压。</li><li>在加压状态下将内镜完全浸没于水中。</li><li>转动旋钮使弯曲部向各方向弯曲，按压各按钮，观察至少 30 秒。</li><li>从水中取出后再关闭测漏器、释放压力。</li></ol><h3>测漏不通过怎么办</h3><p>看到同一位置冒出连续气泡，即为测漏不通过（漏水）：</p><ul><li>立即停止清洗，不要继续浸泡、消毒或使用；</li><li>保持测漏器加压状态，将内镜从水中取出并擦干；</li><li>记下冒泡的部位（弯曲部、插入管、活检口、操作部），拍照；</li><li>在“一键报修”中注明“测漏不通过”和漏水部位。</li></ul><p>漏水内镜继续使用或浸泡，会让液体进入先端 CCD 和导光束，维修费用会成倍增加。</p>',
  },
  {
    category: 'reprocessing',
    title: '软式内镜清洗消毒流程（概要）',
    summary: '床旁预处理、测漏、清洗、漂洗、消毒、终末漂洗、干燥：每一步的要点。',
    body: '<p>本文概述软式内镜再处理的主要步骤，具体以本院执行的行业标准与操作规程为准。</p><ol><li><strong>床旁预处理：</strong>检查结束后立即擦拭外表面，吸引清洗液，送气送水冲洗管道。</li><li><strong>测漏：</strong>见《测漏：为什么每次清洗前都要做》。</li><li><strong>清洗：</strong>在多酶清洗液中刷洗所有管道和按钮阀座，清洗刷与管道直径匹配。</li><li><strong>漂洗：</strong>流动水彻底冲洗，去除清洗剂残留。</li><li><strong>消毒：</strong>全浸泡于消毒液中，所有管道灌注消毒液，浸泡时间达到要求。</li><li><strong>终末漂洗：</strong>使用纯化水或无菌水冲洗内外表面和管道。</li><li><strong>干燥：</strong>压缩空气吹干管道，乙醇灌注后再次吹干，见《内镜干燥与管道残留水的处理》。</li></ol><p>每一步都要记录：内镜编号、操作人、时间和消毒剂浓度监测结果。</p>',
  },
  {
    category: 'reprocessing',
    title: '送修前的消毒证明',
    summary: '为保护维修人员，送修内镜需附清洗消毒记录。',
    body: '<p>送修前请完成完整的清洗消毒流程，并在报修单中上传消毒记录照片（内镜编号、消毒时间、操作人）。</p><p>未附记录的工单将进入“等待消毒证明”状态，维修计时暂停。</p><p>按钮、活检阀等附件请留在科室；一次性先端帽取下后按医疗废物处理。内镜装入原厂运输箱寄出。</p>',
  },
  {
    category: 'fault_prevention',
    title: '图像异常的排查：发黑、黑点、雾状与偏色',
    summary: '图像发黑、出现黑点、起雾或偏色时，先做几项简单检查，再决定是否报修。',
    body: '<h3>图像整体发黑、偏暗</h3><p>检查冷光源是否开启、光量设置和灯泡寿命提示，导光接头是否插到底。排除以上原因后仍然偏暗，多为导光束断丝，请报修。</p><h3>图像上有固定的黑点</h3><p>擦拭物镜后、白平衡后黑点位置不变，通常是导光纤维断丝或 CCD 受损，不是污物。请停止使用，拍下图像中黑点的位置并报修。</p><h3>雾状、模糊</h3><p>先用软布擦拭先端物镜；若反复起雾，可能是先端内部进水受潮，请先做测漏。</p><h3>偏色、闪烁或无图像</h3><p>重新做白平衡；检查视频接头是否潮湿或接触不良，不要在通电状态下插拔视频接头。</p>',
  },
  {
    category: 'fault_prevention',
    title: '水气管道堵塞的预防与处理',
    summary: '送气送水不出水、吸引无力，多由管道内残留物干结引起。',
    body: '<p>送气送水管道和吸引管道堵塞，大多是血液、黏液在管道内干结造成的。</p><h3>常见表现</h3><ul><li>按下送气送水按钮，先端不出水或出水无力；</li><li>镜面冲洗不干净；</li><li>吸引无力或完全吸不动。</li></ul><h3>处理</h3><ul><li>先更换送气送水按钮和吸引按钮，检查送水瓶接头和密封圈；</li><li>用专用管道清洗接头加压冲洗管道，再用清洗刷全程刷洗；</li><li>不要用针头、金属丝等硬物疏通，以免刺破管道；</li><li>仍然堵塞时请报修，不要继续使用。</li></ul><h3>预防</h3><p>检查结束后立即床旁预处理：吸引清水，送气送水冲洗管道，尽快送去清洗，避免残留物干结。</p>',
  },
  {
    category: 'reprocessing',
    title: '内镜干燥与管道残留水的处理',
    summary: '清洗消毒后管道内的残留水是细菌滋生的主要原因，也会让图像起雾。',
    body: '<p>终末漂洗后，内镜外表面和所有管道都必须彻底干燥后才能储存。</p><h3>干燥步骤</h3><ol><li>用清洁软布擦干外表面。</li><li>用医用压缩空气吹干活检管道、送气送水管道和吸引管道，直到出口无水滴。</li><li>用 75% 乙醇灌注各管道，再用压缩空气吹干。</li><li>有条件时放入内镜干燥柜。</li></ol><h3>发现管道里还有水</h3><p>清洗后从管道口滴出水或看到水珠，说明干燥不充分：重新用压缩空气吹干，直到无水滴；不要带水悬挂存放。若消毒后反复出现管道积水，可能是管道或按钮阀座密封不良，请报修检查。</p>',
  },
  {
    category: 'fault_prevention',
    title: '活检通道损伤的预防',
    summary: '活检钳插不进去、通道划伤漏水，常与附件插入方式有关。',
    body: '<p>活检通道（钳道）内壁被划伤后，会出现漏水、附件插入困难，清洗也难以彻底。</p><h3>正确插入附件</h3><ul><li>插入前先将先端部回直，弯曲角度过大时附件容易卡住、顶破通道；</li><li>活检钳完全闭合后再插入，不要张开着推进或退出；</li><li>使用与通道直径匹配的附件，注意附件外径标识。</li></ul><h3>活检钳插不进去时</h3><p>不要强行推送。先确认钳子已闭合、先端已回直；检查活检阀是否老化变形、通道内是否有异物或干结残留。仍有阻力请停止使用并报修。</p><h3>日常保养</h3><p>活检阀定期更换；清洗时用尺寸合适的清洗刷全程刷洗通道。通道损伤的内镜测漏时常在活检口处冒泡。</p>',
  },
  {
    category: 'safe_use',
    title: '先端帽的正确安装与取下',
    summary: '先端帽脱落或安装不到位，可能导致患者损伤和先端部损坏。',
    body: '<h3>安装</h3><ul><li>选择与内镜型号匹配的先端帽（透明帽），使用前检查有无裂纹、变形；</li><li>对准定位标记推到底，轻拉确认安装牢固；</li><li>一次性先端帽不得重复使用。</li></ul><h3>取下</h3><p>沿轴向缓慢取下，不要用力扭转，也不要用镊子等工具撬，以免损伤先端部和物镜。</p><h3>先端帽脱落怎么办</h3><p>检查中发现先端帽脱落，应立即停止操作，确认先端帽是否遗留在患者体内并按本院流程处理；检查先端部有无损伤，必要时报修。</p>',
  },
  {
    category: 'reprocessing',
    title: '内镜的储存与转运',
    summary: '干燥后的内镜如何悬挂存放，如何在科室之间安全转运。',
    body: '<h3>储存</h3><ul><li>在储镜柜中垂直悬挂，先端部不触底，弯曲部自然伸直；</li><li>取下按钮和活检阀分开存放，保持管道通风；</li><li>储镜柜保持干燥、通风、洁净，定期清洁消毒；</li><li>超过本院规定储存时间的内镜，使用前应重新消毒。</li></ul><h3>转运</h3><ul><li>使用带盖的专用转运箱或转运车，清洁内镜与污染内镜分开并有明显标识；</li><li>插入管盘绕直径不要过小，不要折弯或受压；</li><li>送修寄出时使用原厂运输箱，并盖上通气帽。</li></ul>',
  },
  {
    category: 'safe_use',
    title: '弯曲角度变小、旋钮发紧的早期识别',
    summary: '角度钢丝拉长或断裂前通常有征兆，及早报修可避免更大的维修。',
    body: '<h3>征兆</h3><ul><li>弯曲角度明显比平时小，向上或向下弯曲不到位；</li><li>旋钮转动发紧、发涩或松旷；</li><li>松开旋钮后弯曲部不能自然回直；</li><li>弯曲时有异响或卡顿。</li></ul><h3>常见原因</h3><p>用力过猛扳动旋钮、在锁钮锁定状态下插镜或退镜、弯曲部受到挤压或碰撞。</p><h3>建议</h3><p>使用前检查弯曲角度；不要在锁定状态下强行转动旋钮；发现角度变小请尽早报修，钢丝断裂后维修范围会更大。</p>',
  },
  {
    category: 'safe_use',
    title: '图像处理器与冷光源的开关机顺序',
    summary: '正确的开关机顺序和接头插拔方式，可减少图像处理器和光源的故障。',
    body: '<h3>开机</h3><ol><li>连接内镜的导光接头和视频接头，确认接头干燥；</li><li>打开冷光源，再打开图像处理器；</li><li>对准白色物体做白平衡。</li></ol><h3>关机</h3><ol><li>先关闭光源灯，再关闭图像处理器和光源电源；</li><li>断电后再拔下视频接头，盖上接头保护帽。</li></ol><h3>注意</h3><p>不要在通电状态下插拔视频接头；接头潮湿时先擦干再连接。光源灯泡到达寿命提示时及时更换，图像偏暗常与灯泡老化有关。</p>',
  },
  {
    category: 'reprocessing',
    title: '清洗剂与消毒剂的使用及浓度监测',
    summary: '多酶清洗液按比例配制、一镜一换；消毒液每日监测有效浓度。',
    body: '<h3>清洗剂</h3><p>多酶清洗液按说明书比例稀释，一镜一换，不要重复使用；水温按说明书要求。</p><h3>消毒剂</h3><p>常用邻苯二甲醛（OPA）、过氧乙酸、戊二醛等，浸泡时间和温度按产品说明书和本院规程执行。</p><h3>浓度监测</h3><ul><li>每日使用前用配套的浓度测试纸检测消毒液有效浓度，并记录结果；</li><li>浓度低于要求或超过使用期限时立即更换；</li><li>不要混用不同品牌的消毒剂。</li></ul><p>与内镜材质不兼容的化学品会使插入管外皮老化、开裂，请使用内镜说明书推荐的产品。</p>',
  },
  {
    category: 'fault_prevention',
    title: '防水帽：浸泡前必须盖好',
    summary: '视频接头未盖防水帽就浸泡，是内镜进水最常见的原因之一。',
    body: '<p>防水帽保护视频接头内的电路。手工清洗、测漏和浸泡消毒前，必须盖好防水帽并确认密封圈完好。</p><ul><li>盖防水帽前确认接头干燥，拧到底；</li><li>定期检查防水帽密封圈，有裂纹或变形及时更换；</li><li>运输和环氧乙烷灭菌时使用通气帽，浸泡前必须取下通气帽、盖上防水帽。</li></ul><p>忘盖防水帽浸泡后，请立即取出擦干，不要通电，并报修检查。</p>',
  },
];

/** Quick answers engineers wrote from past conversations (no personal details), for the suggestions before a chat. */
export const DEMO_QUICK_ANSWERS = [
  { question: '测漏时弯曲部冒出连续气泡，还能继续用吗？', answer: '不能。连续气泡说明已经有漏孔，继续清洗消毒会让液体进入内镜内部。请保持测漏器加压，取出擦干后停止使用并报修，报修时注明“测漏不通过”和冒泡位置。' },
  { question: '图像上有一个固定的黑点，擦镜头也去不掉？', answer: '位置固定、白平衡后也不变的黑点，多为导光纤维断丝或 CCD 受损，不是污物。建议停止使用，拍下黑点位置后报修。' },
  { question: '活检钳插到一半插不进去了怎么办？', answer: '先把先端部回直，确认钳子完全闭合后再缓慢插入；仍有阻力不要强行推送，可能通道内有异物或已经损伤，请停止使用并报修。' },
  { question: '吸引按钮按下去回弹很慢是什么原因？', answer: '多为按钮和阀座上有残留物或密封圈老化。清洗时取下按钮单独刷洗，必要时更换新按钮；更换后仍回弹不良请报修。' },
  { question: '送修内镜需要把按钮和先端帽一起寄回吗？', answer: '按钮、活检阀留在科室即可；一次性先端帽取下后按医疗废物处理。只寄内镜本体，附上清洗消毒记录，装入原厂运输箱并盖上通气帽。' },
  { question: '清洗消毒后的内镜可以存放多久？', answer: '按本院规程执行；超过规定储存时间的内镜，使用前应重新消毒。储存时垂直悬挂，保持管道干燥。' },
];

/** Modest gifts a clinician can use at work; the charger is sold out, so the catalog shows that state too. `icon`/`tint`/`ink` draw its picture. */
/** Granted to each demo staff account on top of the 100 for approval, so a gift can be redeemed straight away. */
export const DEMO_WELCOME_POINTS = 1400;

export const DEMO_GIFTS = [
  { name: '医用防雾护目镜', description: '防雾防溅，侧面全包，可佩戴近视眼镜；内镜操作时防体液喷溅。', pointsPrice: 300, valueYuan: 45, stock: 200, perPersonLimit: 2, icon: 'goggles', tint: '#d4eaf4', ink: '#2e6a88' },
  { name: '不锈钢保温杯 450ml', description: '316 不锈钢内胆，12 小时保温，单手开盖，值班随手一杯热水。', pointsPrice: 500, valueYuan: 79, stock: 120, perPersonLimit: 1, icon: 'cup', tint: '#f6e0cf', ink: '#9a5a2e' },
  { name: '《消化内镜诊疗图谱》', description: '常见消化道病变的内镜图像与诊疗要点，精装彩印，适合案头查阅。', pointsPrice: 1200, valueYuan: 168, stock: 30, perPersonLimit: 1, icon: 'book', tint: '#e0ebd4', ink: '#4d7236' },
  { name: '15W 无线充电器', description: '支持主流手机快充，防滑底座，护士站、办公桌都放得下。', pointsPrice: 600, valueYuan: 99, stock: 0, perPersonLimit: 1, icon: 'charger', tint: '#e4def3', ink: '#5b4b8e' },
  { name: '记忆棉颈椎按摩枕', description: 'U 形记忆棉，带轻柔振动按摩，久站久坐后放松颈肩。', pointsPrice: 1500, valueYuan: 199, stock: 25, perPersonLimit: 1, icon: 'pillow', tint: '#f4dade', ink: '#994553' },
  { name: '医用瞳孔笔灯', description: '暖白光 LED，笔夹设计，可插在白大褂口袋，查房随身带。', pointsPrice: 200, valueYuan: 30, stock: 300, perPersonLimit: 2, icon: 'penlight', tint: '#f4eecd', ink: '#7d6a1c' },
] as const;

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
