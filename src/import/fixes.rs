//! The import report's "what to do" in Chinese: each reader writes its fix
//! in English (`Entry::fix`); this table gives the same advice in Chinese
//! for the planner's language. A fix missing here shows in English, and a
//! test imports every fixture and hostile file to check none is missing.

/// (English fix, Chinese fix). Manifest keys and file names stay as written.
const FIXES: &[(&str, &str)] = &[
    ("", ""),
    ("2 km suits a county", "县域宜用 2 公里"),
    ("leave it empty for other facilities, or name a county-level reading centre", "其他机构请留空，或填写县级及以上的诊断中心"),
    ("name the county hospital that leads the community", "请填写牵头医共体的县级医院"),
    ("write a service by its Chinese or English name or its key, e.g. 胸痛中心, chest pain centre or chest_pain_centre", "请填写儿科、血液透析、精神卫生、胸痛中心、卒中中心、创伤中心、危重孕产妇救治中心、危重新生儿救治中心之一（或其键名，如 chest_pain_centre）"),
    ("write the lead hospital's code or its exact, unique name", "请填写牵头医院的机构代码或其准确且唯一的名称"),
    ("write the reading centre's code or its exact, unique name", "请填写诊断中心的机构代码或其准确且唯一的名称"),
    ("add a row for it", "为其补一行"),
    ("correct the row's text, or save the whole file again as UTF-8", "请更正此行文字，或将整个文件重新保存为 UTF-8"),
    ("save the whole file again as UTF-8", "请将整个文件重新保存为 UTF-8"),
    ("send the .shp, .shx and .dbf of one export together", "请一并发送同一次导出的 .shp、.shx 和 .dbf"),
    ("add it to the manifest's tiers table, e.g. \"tiers\": {\"…\": \"county_hospital\"}", "在清单的 tiers 表中加入，例如 \"tiers\": {\"…\": \"county_hospital\"}；或在向导的“机构类别 → 级别”表中选择级别"),
    ("check that it is a CSV file", "请确认这是 CSV 文件"),
    ("check that the raster covers the region", "请确认栅格覆盖本地区"),
    ("check the file's coordinate system (roads.crs)", "请检查文件的坐标系（roads.crs）"),
    ("check the path (relative to the manifest)", "请检查路径（相对于清单文件）"),
    ("check the workbook and the sheet name", "请检查工作簿与工作表名称"),
    ("check the zones' coordinate system (zones.crs)", "请检查需求单元的坐标系（zones.crs）"),
    ("declare the coordinate system in the manifest (crs: EPSG:nnnn)", "请在清单中声明坐标系（crs: EPSG:nnnn），或在向导中选择"),
    ("declare the coordinate system the file is in", "请声明文件所用的坐标系"),
    ("declare the file's encoding in the manifest", "请在清单中声明文件编码"),
    ("declare the points' coordinate system", "请声明点位所用的坐标系"),
    ("declare wgs84, cgcs2000, gcj02 or bd09", "请声明 wgs84、cgcs2000、gcj02 或 bd09"),
    ("export it as a GeoJSON FeatureCollection or a zipped Shapefile", "请导出为 GeoJSON FeatureCollection 或 Shapefile 压缩包"),
    ("export the layer again from GIS software", "请用 GIS 软件重新导出该图层"),
    ("fix the column name in facilities.columns", "请修正 facilities.columns 中的列名"),
    ("fix the column name in the manifest", "请修正清单中的列名"),
    ("fix the input file this part came from", "请修正该部分数据所来自的输入文件"),
    ("give Point, Polygon or MultiPolygon features", "请提供 Point、Polygon 或 MultiPolygon 要素"),
    ("give a FeatureCollection whose features carry properties", "请提供要素带属性的 FeatureCollection"),
    ("give a category such as 乡镇卫生院 or a tier key such as township_health_centre", "请填写类别（如“乡镇卫生院”）或级别键（如 township_health_centre）"),
    ("give a count of 0 or more", "请填写 0 或以上的数量"),
    ("give a header with 名称, 类别, 床位, 医师, 经度, 纬度", "请提供含“名称、类别、床位、医师、经度、纬度”的表头"),
    ("give a header with the unit (代码 or 名称) and 常住人口 columns", "请提供含单元（代码或名称）与“常住人口”列的表头"),
    ("give a header with 名称, 类别 (or tier), 经度, 纬度, and optionally 造价, 床位, 医师", "请提供含“名称、类别（或 tier）、经度、纬度”的表头，可选“造价、床位、医师”"),
    ("give a larger zones.hex_km, or check that the boundaries are in longitude/latitude", "请增大 zones.hex_km，或检查边界是否为经纬度"),
    ("give a number (units such as 张 or 人 may follow it)", "请填写数字（其后可带“张”“人”等单位）"),
    ("give a number of 0 or more", "请填写 0 或以上的数"),
    ("give a single-band GeoTIFF of persons per cell", "请提供单波段、每像元人数的 GeoTIFF"),
    ("give each unit a Polygon or MultiPolygon", "请为每个单元提供 Polygon 或 MultiPolygon"),
    ("give each zone its own id", "请为每个需求单元提供唯一编号"),
    ("give it (defaults exist only for township and community centres)", "请填写（仅乡镇卫生院与社区卫生服务中心有默认值）"),
    ("give longitude and latitude", "请填写经度和纬度"),
    ("give minutes as a number of 0 or more (blank: not reachable)", "请以 0 或以上的数填写分钟（空白表示不可达）"),
    ("give origin_id, destination_id, minutes", "请提供 origin_id、destination_id、minutes"),
    ("give origin_id, destination_id, minutes columns", "请提供 origin_id、destination_id、minutes 三列"),
    ("give roads as LineString or MultiLineString", "道路请用 LineString 或 MultiLineString"),
    ("give the facility's name", "请填写机构名称"),
    ("give the main roads only, or bring a travel-time table from a routing engine", "请只提供主要道路，或使用路径规划引擎的出行时间表"),
    ("give the real figures when known", "如已知，请填写真实数值"),
    ("give the unit's residents", "请填写该单元的常住人口"),
    ("give them, or set \"fill_missing\": true to use the tier's median", "请填写，或设置 \"fill_missing\": true（向导中勾选“按同级机构中位数补齐”）"),
    ("give 名称, 经度, 纬度 columns", "请提供“名称”“经度”“纬度”列"),
    ("keep one row per origin and destination", "每对起点与终点只保留一行"),
    ("keep one row per unit", "每个单元只保留一行"),
    ("keep pairs within the longest travel time that matters (e.g. 60 minutes)", "只保留有意义的最长出行时间以内的组合（如 60 分钟）"),
    ("map it in roads.classes, e.g. \"classes\": {\"…\": \"county\"} (or null to leave it out)", "在 roads.classes 中指定其等级，例如 \"classes\": {\"…\": \"county\"}（或设为 null 以排除）"),
    ("merge zones, or plan part of the region", "请合并需求单元，或只规划地区的一部分"),
    ("minutes is the default", "默认单位为分钟"),
    ("name the class attribute with roads.class_field", "请用 roads.class_field 指定道路等级属性"),
    ("name the property with units.name_field", "请用 units.name_field 指定名称属性"),
    ("name the site", "请为候选点命名"),
    ("name them in facilities.columns", "请在 facilities.columns 中指定这些列（或在向导中选择）"),
    ("name them with population.unit_field and population.population_field", "请用 population.unit_field 和 population.population_field 指定（或在向导中选择）"),
    ("repair it in GIS software (e.g. make_valid), or declare units.crs, and export again", "请用 GIS 软件修复（如 make_valid），或声明 units.crs，然后重新导出"),
    ("repair it in GIS software and export again", "请用 GIS 软件修复后重新导出"),
    ("save the sheet as .xlsx or CSV", "请将工作表另存为 .xlsx 或 CSV"),
    ("see the rows above", "见上方各行"),
    ("swap the two cells, or import with --fix swapped-coordinates (the wizard: Swap)", "请交换这两个单元格，或以 --fix swapped-coordinates 导入（向导中点“交换”）"),
    ("fix the file so the next import needs no correction", "请修正文件，下次导入便无需更正"),
    ("check the coordinates or the unit", "请检查坐标或所属单元"),
    ("check the coordinates", "请检查坐标"),
    ("delete the repeated row", "请删除重复的行"),
    ("delete one of the rows, or give each facility its own code", "请删除其中一行，或为每个机构填写各自的代码"),
    ("delete one of the rows if they are one facility", "如为同一机构，请删除其中一行"),
    ("write whole numbers without a separator (1200) or with a comma (1,200)", "整数请不加分隔符（1200）或用逗号分隔（1,200）"),
    ("give whole beds and doctors", "床位与医师请填整数"),
    ("check the cell and its unit (万 multiplies by 10,000)", "请检查该单元格及其单位（“万”表示乘以 10,000）"),
    ("give the site's real one-off cost", "请填写该点位的实际一次性造价"),
    ("see the rejected rows above, or map the columns the report names", "见上方被拒绝的行，或为报告所列的列指定表头"),
    ("check the census table and its unit column", "请检查人口普查表及其单元列"),
    ("fix the rows, map the columns, or confirm (CLI: --accept-rejected)", "请修正这些行、指定列，或确认后继续（命令行：--accept-rejected）"),
    ("fix the manifest (format: docs/import.md)", "请修正清单文件（格式见 docs/import.md）"),
    ("see the rows listed above", "见上方所列各行"),
    ("send the .shp, .shx, .dbf and .prj together", "请将 .shp、.shx、.dbf 与 .prj 一并提供"),
    ("use the division code", "请使用区划代码"),
    ("use the unit's division code or name as in the boundaries", "请使用与边界文件一致的区划代码或名称"),
    ("use the zone ids of the exported zones and the facilities' codes", "请使用导出的需求单元编号和机构代码"),
    ("use utf-8 or gbk, or leave it out to detect", "请使用 utf-8 或 gbk，或留空以自动识别"),
    ("wgs84", "wgs84"),
    ("write decimals with a point (1.5) and thousands as 1,500", "小数请用小数点（1.5），千位写作 1,500"),
    ("zip the .shp, .shx, .dbf and .prj of one layer together", "请将同一图层的 .shp、.shx、.dbf 与 .prj 一起压缩"),
];

/// The Chinese of an English fix, when the table has it.
///
/// ```
/// use healthreach::import::fixes::fix_zh;
/// assert_eq!(fix_zh("give longitude and latitude").as_deref(), Some("请填写经度和纬度"));
/// assert_eq!(fix_zh("check the coordinates, their order and facilities.crs").unwrap(), "请检查坐标、经纬度顺序及 facilities.crs");
/// assert_eq!(fix_zh("something new"), None);
/// ```
pub fn fix_zh(fix: &str) -> Option<String> {
    if let Some(key) = fix.strip_prefix("check the coordinates, their order and ") {
        return Some(format!("请检查坐标、经纬度顺序及 {key}"));
    }
    if let Some(rest) = fix.strip_prefix("declare ") {
        if let Some(key) = rest.strip_suffix(
            ": wgs84 for GPS or a WGS84 map, gcj02 for AMap or Tencent, bd09 for Baidu",
        ) {
            return Some(format!(
                "请声明 {key}：GPS 或 WGS84 地图用 wgs84，高德、腾讯用 gcj02，百度用 bd09"
            ));
        }
    }
    FIXES
        .iter()
        .find(|(en, _)| *en == fix)
        .map(|(_, zh)| zh.to_string())
}

/// The fix in the reader's language (English when no Chinese is known).
pub fn fix_in(fix: &str, zh: bool) -> String {
    if zh {
        fix_zh(fix).unwrap_or_else(|| fix.to_string())
    } else {
        fix.to_string()
    }
}
