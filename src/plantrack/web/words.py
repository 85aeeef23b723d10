"""The pages' own words, 中文 first and English (the status words and columns are render/words.py's)."""

from __future__ import annotations

WORDS = {
    "zh": {
        "plans": "规划", "plan": "规划", "period": "规划期", "verdicts": "指标状态", "closed": "已结束的规划",
        "rollup": "区级汇总核对", "none": "暂无", "switch": "English", "refused": "未执行",
        "back": "返回规划列表", "downloads": "下载", "upload": "上传工作簿", "workbook": "CSV 或 Excel 文件",
        "check_upload": "检查（不写入）", "upload_note": "先显示将写入的内容，确认后才写入（同 plantrack import --dry-run）。",
        "target": "目标", "confirm": "确认数值无误，写入", "cancel": "取消", "chart": "图表", "working": "计算过程",
        "history": "记录与修订", "year": "年份", "entry": "记录", "when": "时间", "csv": "下载本指标数据（CSV）",
        "record": "记录数值", "assessment": "评估", "value": "数值", "unit": "单位", "rate": "增长率 %",
        "source": "来源", "note": "备注", "reason": "修订原因（修改已有年份时必填）", "save": "记录",
        "nothing_new": "没有需要写入的新数值。", "write": "写入", "written": "已写入", "report": "评估报告",
        "actuals_xlsx": "实际值工作簿（Excel）", "status_xlsx": "进度表（Excel）", "actuals_csv": "实际值（CSV）",
        "status_csv": "进度表（CSV）", "matrix": "各规划指标矩阵", "indicator": "指标",
        "current": "现值", "before_revision": "修订前", "removed": "已删除",
        "closed_plan": "这个规划已结束，不在网页上记录；确需修改，请用命令行 plantrack record --force。",
    },
    "en": {
        "plans": "Plans", "plan": "Plan", "period": "Period", "verdicts": "Indicators by status",
        "closed": "Closed plans", "rollup": "District roll-up", "none": "None", "switch": "中文",
        "refused": "Not done", "back": "Back to the plans", "downloads": "Downloads", "upload": "Upload a workbook",
        "workbook": "CSV or Excel file", "check_upload": "Check (writes nothing)",
        "upload_note": "Shows what would be written first; nothing is written until you confirm "
                       "(as plantrack import --dry-run).",
        "target": "target", "confirm": "The figure is right: record it", "cancel": "Cancel", "chart": "Chart",
        "working": "Working", "history": "Entries and revisions", "year": "Year", "entry": "Entry", "when": "When",
        "csv": "This indicator's figures (CSV)", "record": "Record a figure", "assessment": "Assessment",
        "value": "Value", "unit": "Unit", "rate": "Rate %", "source": "Source", "note": "Note",
        "reason": "Reason (needed to change a recorded year)", "save": "Record",
        "nothing_new": "Nothing new to write.", "write": "Write", "written": "Written", "report": "Evaluation report",
        "actuals_xlsx": "Actuals workbook (Excel)", "status_xlsx": "Status table (Excel)",
        "actuals_csv": "Actuals (CSV)", "status_csv": "Status table (CSV)", "matrix": "Indicators by plan",
        "indicator": "Indicator", "current": "current", "before_revision": "before revision", "removed": "removed",
        "closed_plan": "This plan is closed: nothing is recorded into it from the page; if you must, use "
                       "plantrack record --force on the command line.",
    },
}
