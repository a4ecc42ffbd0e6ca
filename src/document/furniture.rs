//! Web-page furniture in plain text: lines a site wraps around an article.
//!
//! Copying a report off a government site brings navigation, 发布时间 lines, share widgets
//! and footers along. They are kept in the text (metadata reads 发布时间) but never scored.

use crate::builtin_regex;

builtin_regex!(
    static FURNITURE = r"(?x)^[\s\-*·•]*(?:
          发布时间|发布日期|发文日期|成文日期|印发日期|更新时间|更新日期|发布机构\s*[:：]|
          (?:日期|时间)\s*[:：]\s*\d{4}|来源\s*[:：]|信息来源|阅读次数|访问量|浏览次数|点击数|
          作者\s*[:：]|字体\s*[:：\[【]|字号\s*[:：]|\[?\s*字体|【?\s*打印|【?\s*关闭|打印本页|关闭窗口|
          扫一扫|手机扫|分享到|主办(?:单位)?\s*[:：]|承办(?:单位)?\s*[:：]|协办(?:单位)?\s*[:：]|网站标识码|政府网站标识码|
          网站违法|政府咨询投诉|当前位置|您当前的位置|您现在的位置|首页\s*[>＞»]|
          索\s*引\s*号|发文机关\s*[:：]|有\s*效\s*期|所属主题|主题分类|公开对象|公开方式|发文字号|公开部门|
          公开时限|状\s*态\s*[:：]|相关文档|相关链接|相关阅读|相关稿件|\[?录入者|责任编辑|编辑\s*[:：]|
          上一篇|下一篇|您访问的链接即将离开|是否继续|无障碍|返回顶部|网站地图|联系我们
        )";
);

builtin_regex!(
    static ANYWHERE = r"ICP备|公网安备|Copyright|版权所有|©";
);

builtin_regex!(
    /// A meta field's label with its colon, wherever it stands in a line.
    static FIELD = r"(?:发布时间|发布日期|更新时间|更新日期|成文日期|印发日期|日期|时间|来源|信息来源|发布机构|发文机关|浏览次数|浏览量|浏览|阅读次数|阅读|点击数|点击|访问次数|访问量|字号|字体|作者)\s*[:：]";
);

/// True when a folded line is web furniture.
pub fn is_furniture(folded: &str) -> bool {
    let t = folded.trim();
    if t.is_empty() {
        return false;
    }
    if t.chars().count() > 160 {
        return false;
    }
    FURNITURE.is_match(t) || ANYWHERE.is_match(t) || is_meta_line(t)
}

/// A page's meta line whatever field it starts with ([2021-03-31]　来源：…　字号：…): two
/// labelled fields or more on one short line without a full stop.
fn is_meta_line(t: &str) -> bool {
    // Each field ends in its own colon: a line with fewer than two has no two fields.
    let colons = t.bytes().filter(|&b| b == b':').count() + t.matches('：').count();
    colons >= 2 && t.chars().count() <= 120 && !t.contains('。') && FIELD.find_iter(t).count() >= 2
}

#[cfg(test)]
mod tests {
    use super::is_furniture;

    #[test]
    fn recognises_site_furniture() {
        for l in [
            "发布时间:2022-07-05 11:24:31   来源:区司法局",
            "扫一扫在手机打开当前页",
            "琼ICP备19002333号-1 琼公网安备46010502000209号",
            "- 索 引 号 :103/2024-00292",
            "当前位置:",
            "【打印本页】【关闭窗口】",
            "主办:海口市秀英区人民政府办公室 承办:秀英区信息中心",
            "主办单位:福州市鼓楼区人民政府办公室",
            "[2021-03-31]  来源:北京市人民政府  字号:大 中 小",
            "时间:2023-03-31  来源:政策法规司  【大】【中】【小】",
            "发布机构:南山区粤海街道办事处  发布日期:2025-02-18",
            "日期:2023年02月20日",
        ] {
            assert!(is_furniture(l), "{l}");
        }
    }

    #[test]
    fn leaves_report_text_alone() {
        for l in [
            "一、2023年度法治政府建设的主要举措及成效",
            "来源于群众的意见建议全部办结。",
            "主办单位要落实责任。",
            "时间紧、任务重,全体干部加班加点。",
            "会议明确了完成时间:年底前。来源:各部门上报。",
        ] {
            assert!(!is_furniture(l), "{l}");
        }
    }
}
