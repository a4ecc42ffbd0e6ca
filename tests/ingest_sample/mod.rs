//! The report text every ingest test feeds in some form, and helpers to build inputs.

/// A short annual report with 一、 and （一） headings and full-width punctuation.
pub const REPORT: &str = "某市2023年法治政府建设年度报告
2023年，在市委、市政府的坚强领导下，我市深入学习贯彻习近平法治思想，全面推进依法行政。现将有关情况报告如下：
一、主要举措和成效
（一）加强党对法治政府建设的领导
市政府常务会议专题研究法治政府建设工作4次，制定《2023年法治政府建设工作要点》。
（二）深化“放管服”改革
全面推行权责清单制度，调整行政权力事项126项；政务服务事项网上可办率达到98.6%。
（三）严格规范公正文明执法
开展行政执法案卷评查，评查案卷312卷，优秀率为85%。
二、存在的不足和原因
一是法治政府建设推进不平衡；二是行政执法人员素质有待提高。
三、党政主要负责人履行推进法治建设第一责任人职责情况
市长主持召开会议听取法治工作汇报，带头开展述法。
四、2024年工作安排
（一）持续推进依法行政
（二）加强行政复议和应诉工作
行政机关负责人出庭应诉率达到100%。
五、其他需要报告的事项
无。
某市人民政府
2024年3月28日
";

/// The report's lines.
#[allow(dead_code)]
pub fn lines() -> Vec<&'static str> {
    REPORT.lines().collect()
}

/// Pseudo-random bytes from a linear congruential generator; no rand crate needed.
#[allow(dead_code)]
pub fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect()
}

/// A ZIP archive holding `parts` (name, content), deflate-compressed.
#[allow(dead_code)]
pub fn zip(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, content) in parts {
        w.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(content.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}
