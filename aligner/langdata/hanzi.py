"""Simplified and Traditional Chinese told apart by their characters (``chinese_script``).

Each pair is a Simplified character and its Traditional form, neither of which is in common use
in the other standard (``发`` 發, not ``后``, which is also a Traditional character). Japanese
shares some of either: only text already found to be Chinese is asked.
"""

from __future__ import annotations

import re

from aligner.langdata.table import words

PAIRS = words(
    "这這 个個 们們 说說 为為 时時 会會 国國 学學 对對 来來 发發 经經 开開 过過 还還 进進 长長 问問 实實 现現 种種 样樣 点點 动動 关關 与與 从從 应應 机機 业業 东東 "
    "两兩 产產 么麼 义義 习習 书書 买買 乐樂 亚亞 价價 众眾 优優 传傳 体體 写寫 军軍 农農 几幾 击擊 则則 刚剛 创創 办辦 务務 华華 单單 卖賣 历歷 压壓 县縣 参參 双雙 "
    "变變 号號 员員 图圖 场場 坏壞 声聲 处處 备備 头頭 夺奪 奋奮 孙孫 宝寶 导導 将將 层層 岁歲 币幣 师師 带帶 帮幫 广廣 张張 强強 归歸 录錄 总總 战戰 护護 报報 择擇 "
    "据據 数數 断斷 无無 显顯 术術 权權 条條 极極 构構 标標 树樹 热熱 爱愛 电電 画畫 测測 确確 离離 积積 称稱 笔筆 级級 纪紀 约約 纸紙 线線 练練 组組 细細 终終 结結 "
    "给給 统統 继繼 续續 维維 网網 联聯 职職 脑腦 节節 获獲 观觀 规規 视視 计計 认認 让讓 议議 记記 讲講 设設 证證 评評 识識 试試 话話 语語 请請 读讀 调調 谁誰 负負 "
    "质質 费費 资資 赛賽 车車 转轉 软軟 较較 边邊 运運 选選 钱錢 铁鐵 银銀 错錯 门門 间間 队隊 阶階 际際 难難 题題 验驗 鱼魚 鸟鳥 龙龍 马馬 该該 诉訴 论論 见見 贝貝 "
    "页頁 风風 飞飛 兴興 举舉 势勢 协協 卫衛 厂廠 气氣 杀殺 汇匯 沟溝 决決 况況 亿億 万萬 亲親 围圍 团團 块塊 坚堅 复復 够夠 奖獎 妈媽 尽盡 属屬 岛島 庆慶 异異 彻徹 "
    "忆憶 态態 怀懷 恶惡 惊驚 惯慣 户戶 扩擴 扫掃 担擔 拥擁 损損 换換 "
)

_SIMPLIFIED = re.compile("[" + "".join(sorted(pair[0] for pair in PAIRS)) + "]")
_TRADITIONAL = re.compile("[" + "".join(sorted(pair[1] for pair in PAIRS)) + "]")
MIN_MARKED = 5  # characters of one standard only that a text needs before it is judged
MAJORITY = 4  # …and this many times as many as of the other standard

SCRIPT_NAMES = {"hans": "Simplified Chinese", "hant": "Traditional Chinese"}


def chinese_script(text: str) -> str:
    """``hans`` for text in Simplified characters, ``hant`` in Traditional ones, ``""`` when it
    cannot tell (too few characters of either standard, or a mix)."""
    simplified, traditional = len(_SIMPLIFIED.findall(text)), len(_TRADITIONAL.findall(text))
    if simplified + traditional < MIN_MARKED:
        return ""
    if simplified >= MAJORITY * traditional:
        return "hans"
    if traditional >= MAJORITY * simplified:
        return "hant"
    return ""
