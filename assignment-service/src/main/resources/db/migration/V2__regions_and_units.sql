-- Chongqing's 41 district-level regions (shared/data/regions-chongqing.csv) and the seed towns.
INSERT INTO region (code, name_zh, name_en, parent_code) VALUES
('500101', '万州区', 'Wanzhou District', NULL),
('500102', '涪陵区', 'Fuling District', NULL),
('500103', '渝中区', 'Yuzhong District', NULL),
('500104', '大渡口区', 'Dadukou District', NULL),
('500105', '江北区', 'Jiangbei District', NULL),
('500106', '沙坪坝区', 'Shapingba District', NULL),
('500107', '九龙坡区', 'Jiulongpo District', NULL),
('500108', '南岸区', 'Nan''an District', NULL),
('500109', '北碚区', 'Beibei District', NULL),
('500110', '綦江区', 'Qijiang District', NULL),
('500111', '大足区', 'Dazu District', NULL),
('500112', '渝北区', 'Yubei District', NULL),
('500113', '巴南区', 'Banan District', NULL),
('500114', '黔江区', 'Qianjiang District', NULL),
('500115', '长寿区', 'Changshou District', NULL),
('500116', '江津区', 'Jiangjin District', NULL),
('500117', '合川区', 'Hechuan District', NULL),
('500118', '永川区', 'Yongchuan District', NULL),
('500119', '南川区', 'Nanchuan District', NULL),
('500120', '璧山区', 'Bishan District', NULL),
('500151', '铜梁区', 'Tongliang District', NULL),
('500152', '潼南区', 'Tongnan District', NULL),
('500153', '荣昌区', 'Rongchang District', NULL),
('500154', '开州区', 'Kaizhou District', NULL),
('500155', '梁平区', 'Liangping District', NULL),
('500156', '武隆区', 'Wulong District', NULL),
('500229', '城口县', 'Chengkou County', NULL),
('500230', '丰都县', 'Fengdu County', NULL),
('500231', '垫江县', 'Dianjiang County', NULL),
('500233', '忠县', 'Zhong County', NULL),
('500235', '云阳县', 'Yunyang County', NULL),
('500236', '奉节县', 'Fengjie County', NULL),
('500237', '巫山县', 'Wushan County', NULL),
('500238', '巫溪县', 'Wuxi County', NULL),
('500240', '石柱土家族自治县', 'Shizhu Tujia Autonomous County', NULL),
('500241', '秀山土家族苗族自治县', 'Xiushan Tujia and Miao Autonomous County', NULL),
('500242', '酉阳土家族苗族自治县', 'Youyang Tujia and Miao Autonomous County', NULL),
('500243', '彭水苗族土家族自治县', 'Pengshui Miao and Tujia Autonomous County', NULL),
('Z-LJXQ', '两江新区', 'Liangjiang New Area', NULL),
('Z-GXQ', '西部科学城重庆高新区', 'Chongqing High-tech Zone (Western Science City)', NULL),
('Z-WSJKQ', '万盛经济技术开发区', 'Wansheng Economic and Technological Development Zone', NULL);

INSERT INTO region (code, name_zh, name_en, parent_code) VALUES
('Z-WSJKQ-GUANBA', '关坝镇', 'Guanba Town', 'Z-WSJKQ'),
('Z-WSJKQ-WANDONG', '万东镇', 'Wandong Town', 'Z-WSJKQ'),
('500107-XIPENG', '西彭镇', 'Xipeng Town', '500107'),
('500107-YANGJIAPING', '杨家坪街道', 'Yangjiaping Street', '500107'),
('500108-NANPING', '南坪街道', 'Nanping Street', '500108'),
('500108-DANZISHI', '弹子石街道', 'Danzishi Street', '500108'),
('500109-TIANSHENG', '天生街道', 'Tiansheng Street', '500109'),
('500109-BEIWENQUAN', '北温泉街道', 'Beiwenquan Street', '500109'),
('500113-LONGZHOUWAN', '龙洲湾街道', 'Longzhouwan Street', '500113'),
('500113-YUDONG', '鱼洞街道', 'Yudong Street', '500113'),
('500103-JIEFANGBEI', '解放碑街道', 'Jiefangbei Street', '500103');

-- The departments every level has, with their Chinese and English names.
CREATE TEMPORARY TABLE department_kind (code text, city_zh text, district_zh text, name_en text);
INSERT INTO department_kind VALUES
('health',           '卫生健康委员会',         '卫生健康委员会',     'Health Commission'),
('transport',        '交通运输委员会',         '交通运输委员会',     'Transport Commission'),
('agriculture',      '农业农村委员会',         '农业农村委员会',     'Agriculture and Rural Affairs Commission'),
('water',            '水利局',                 '水利局',             'Water Resources Bureau'),
('civil-affairs',    '民政局',                 '民政局',             'Civil Affairs Bureau'),
('urban-management', '城市管理局',             '城市管理局',         'Urban Management Bureau'),
('ecology',          '生态环境局',             '生态环境局',         'Ecology and Environment Bureau'),
('housing',          '住房和城乡建设委员会',   '住房和城乡建设委员会', 'Housing and Urban-Rural Development Commission'),
('education',        '教育委员会',             '教育委员会',         'Education Commission'),
('hrss',             '人力资源和社会保障局',   '人力资源和社会保障局', 'Human Resources and Social Security Bureau'),
('market',           '市场监督管理局',         '市场监督管理局',     'Market Supervision Administration'),
('public-security',  '公安局',                 '公安局',             'Public Security Bureau'),
('emergency',        '应急管理局',             '应急管理局',         'Emergency Management Bureau'),
('economy',          '经济和信息化委员会',     '经济和信息化委员会', 'Economy and Information Technology Commission'),
('justice',          '司法局',                 '司法局',             'Justice Bureau');

-- City level: the city's governance centre and departments.
INSERT INTO unit (id, name_zh, name_en, level, kind, department, region_code, parent_id) VALUES
('city-gc', '重庆市城市运行和治理中心', 'Chongqing City Operation and Governance Centre', 'CITY', 'GOVERNANCE_CENTRE', NULL, NULL, NULL);
INSERT INTO unit (id, name_zh, name_en, level, kind, department, region_code, parent_id)
SELECT 'city-' || d.code, '重庆市' || d.city_zh, 'Chongqing ' || d.name_en, 'CITY', 'DEPARTMENT', d.code, NULL, 'city-gc'
FROM department_kind d;

-- District level: each of the 41 regions has its governance centre (supervised by the city's)
-- and departments mirroring the city's (each supervised by its district governance centre).
INSERT INTO unit (id, name_zh, name_en, level, kind, department, region_code, parent_id)
SELECT r.code || '-gc', r.name_zh || '城市运行和治理中心', r.name_en || ' Operation and Governance Centre', 'DISTRICT',
       'GOVERNANCE_CENTRE', NULL, r.code, 'city-gc'
FROM region r WHERE r.parent_code IS NULL;
INSERT INTO unit (id, name_zh, name_en, level, kind, department, region_code, parent_id)
SELECT r.code || '-' || d.code, r.name_zh || d.district_zh, r.name_en || ' ' || d.name_en, 'DISTRICT', 'DEPARTMENT',
       d.code, r.code, r.code || '-gc'
FROM region r CROSS JOIN department_kind d WHERE r.parent_code IS NULL;

-- Town level: the seed towns' and streets' offices, supervised by their district's governance centre.
INSERT INTO unit (id, name_zh, name_en, level, kind, department, region_code, parent_id)
SELECT t.code || '-office',
       t.name_zh || CASE WHEN t.name_zh LIKE '%街道' THEN '办事处' ELSE '人民政府' END,
       t.name_en || CASE WHEN t.name_zh LIKE '%街道' THEN ' Office' ELSE ' Government' END, 'TOWN', 'TOWN_OFFICE', NULL, t.code, t.parent_code || '-gc'
FROM region t WHERE t.parent_code IS NOT NULL;
