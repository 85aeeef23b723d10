"""A plan with one indicator of every kind, for the spreadsheet tests (issue 17)."""

PLAN = '''
[plan]
id = "allkinds"
name = "各类指标"
start = 2021
end = 2025
base_year = 2020

[[indicators]]
id = "gdp-growth"
no = 1
name = "地区生产总值年均增长率"
kind = "annual_rate"
unit = "%"
target = 6
value_unit = "万元"

[[indicators]]
id = "energy-decline"
no = 2
name = "能耗下降率"
kind = "annual_rate"
direction = "decrease"
unit = "%"
target = 3

[[indicators]]
id = "revenue-total"
no = 3
name = "财政收入累计增长"
kind = "total_change"
unit = "%"
target = 30
value_unit = "万元"

[[indicators]]
id = "investment"
no = 4
name = "固定资产投资"
kind = "cumulative"
unit = "亿元"
target = 150

[[indicators]]
id = "net-firms"
no = 5
name = "净增企业"
kind = "cumulative"
unit = "家"
target = 10
net = true

[[indicators]]
id = "output-level"
no = 6
name = "工业总产值"
kind = "level"
unit = "万元"
target = 900000

[[indicators]]
id = "ecology"
no = 7
name = "生态环境"
kind = "qualitative"
target = "明显改善"
'''
