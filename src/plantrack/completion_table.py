"""Generated from the Typer app by `python -m plantrack.cli.derive` (cli/derive.py): do not edit.

command -> (short help, option -> None for a flag / its choices / a kind, positional kinds)."""

COMMANDS: dict[str, tuple[str, dict[str, object], list[object]]] = {
    'status': (
        '各指标进度 / every indicator against its target',
        {
            '--plans-dir': '<value>', '--plan': '<plan>', '--as-of': '<value>',
            '--format': ['table', 'json', 'csv', 'markdown', 'jsonl'], '--lang': ['zh', 'en'],
            '--fail-on': ['behind', 'far_behind', 'binding'], '--matrix': None, '-h': None, '--help': None,
        },
        [],
    ),
    'show': (
        '单个指标的计算过程 / one indicator, with the working',
        {
            '--plans-dir': '<value>', '--plan': '<plan>', '--as-of': '<value>', '--lang': ['zh', 'en'],
            '--format': ['table', 'json'], '-h': None, '--help': None,
        },
        ['<indicator>'],
    ),
    'record': (
        "记录某年实际值 / record a year's actual",
        {
            '--rate': '<value>', '--unit': '<unit>', '--source': '<value>', '--note': '<value>',
            '--assessment': ['achieved', 'nearly_met', 'ahead', 'on_track', 'behind', 'far_behind', 'missed', '提前实现', '基本实现', '快于预期', '符合预期', '滞后', '严重滞后', '未实现', '已实现'],
            '--force': None, '--confirm': None, '--dry-run': None, '--delete': None, '--restore': None,
            '--reason': '<value>', '--plans-dir': '<value>', '--plan': '<plan>', '--lang': ['zh', 'en'], '-h': None,
            '--help': None,
        },
        ['<indicator>', '<value>', '<value>'],
    ),
    'import': (
        '批量导入 CSV 或 Excel / import actuals from a CSV or .xlsx',
        {
            '--sheet': '<value>', '--include-hidden': None, '--force': None, '--confirm': None, '--dry-run': None,
            '--plans-dir': '<value>', '--plan': '<plan>', '--lang': ['zh', 'en'], '-h': None, '--help': None,
        },
        ['<value>'],
    ),
    'history': (
        '记录与修订历史 / every entry and its revisions',
        {
            '--plans-dir': '<value>', '--plan': '<plan>', '--lang': ['zh', 'en'], '--format': ['table', 'json'],
            '-h': None, '--help': None,
        },
        ['<indicator>'],
    ),
    'export': (
        '导出实际值或进度表 / export every actual, or the status table',
        {
            '--format': ['csv', 'json', 'jsonl', 'xlsx'], '--layout': ['long', 'wide'],
            '--what': ['actuals', 'status'], '-o': '<value>', '--output': '<value>', '--no-bom': None,
            '--as-of': '<value>', '--plans-dir': '<value>', '--plan': '<plan>', '--lang': ['zh', 'en'],
            '--plans': '<value>', '--all': None, '--with-history': None, '-h': None, '--help': None,
        },
        [],
    ),
    'extract': (
        '从公报、总结、新闻中读出数字 / read figures out of a bulletin or a news page',
        {
            '--apply': None, '--confirm': None, '--format': ['table', 'json'], '--plans-dir': '<value>',
            '--plan': '<plan>', '--lang': ['zh', 'en'], '-h': None, '--help': None,
        },
        ['<value>'],
    ),
    'check': (
        '校验规划文件 / validate plan files',
        {
            '--plans-dir': '<value>', '--format': ['text', 'github', 'json'], '--max-errors': '<value>',
            '--jobs': '<value>', '--strict': None, '-h': None, '--help': None,
        },
        ['<value>'],
    ),
    'schema': (
        '打印 JSON Schema / print the JSON Schema for editors',
        {
            '-o': '<value>', '--output': '<value>', '-h': None, '--help': None,
        },
        [['plan', 'actuals', 'status']],
    ),
    'init': (
        '新建规划文件夹 / start a new plan folder',
        {
            '--from': '<plan>', '--blank': None, '--start': '<value>', '--end': '<value>', '--plans-dir': '<value>',
            '--example': None, '-h': None, '--help': None,
        },
        ['<value>'],
    ),
    'report': (
        '评估报告，逐项附图 / the evaluation report, a chart per indicator',
        {
            '--plans-dir': '<value>', '--plan': '<plan>', '--as-of': '<value>',
            '--format': ['html', 'markdown', 'pdf', 'docx'], '--lang': ['zh', 'en'], '-o': '<value>',
            '--output': '<value>', '--template': '<value>', '--plans': '<value>', '--all': None,
            '--title': '<value>', '-h': None, '--help': None,
        },
        [],
    ),
    'doctor': (
        '检查本机环境 / what this machine has, and what it lacks',
        {
            '--plans-dir': '<value>', '--format': ['text', 'json'], '-h': None, '--help': None,
        },
        [],
    ),
    'serve': (
        '在浏览器中查看与记录（仅本机）/ look and record in a browser, on this PC only',
        {
            '--port': '<value>', '--read-only': None, '--plans-dir': '<value>', '-h': None, '--help': None,
        },
        [],
    ),
    'site': (
        '生成静态网页（可发布）/ the pages as static files, for publication',
        {
            '-o': '<value>', '--output': '<value>', '--plans-dir': '<value>', '-h': None, '--help': None,
        },
        [],
    ),
}
ROOT_OPTIONS: dict[str, object] = {
    '--version': None, '--install-completion': None, '--show-completion': None, '-h': None, '--help': None,
}
